import type { SimRequest } from '../sim-server';
import type { SimApp } from './app-registration';
import type { DeltaState } from './delta-state';
import type { DirectoryIndex } from './directory-index';

/** What every Graph route gets once the bearer token has been accepted. */
export interface RouteContext {
  request: SimRequest;
  /** Decoded path, e.g. "/v1.0/groups/{id}/transitiveMembers". */
  path: string;
  roles: string[];
  directory: DirectoryIndex;
  app: SimApp;
  delta: DeltaState;
}

export function metadataContext(context: RouteContext, fragment: string): string {
  return `${context.request.origin}/v1.0/$metadata#${fragment}`;
}
