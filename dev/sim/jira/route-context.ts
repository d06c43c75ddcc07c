import type { SimRequest, SimResponse } from '../sim-server';
import type { JiraDirectoryState } from './directory-state';
import type { JiraIdentity } from './identities';

export interface JiraRouteContext {
  request: SimRequest;
  identity: JiraIdentity;
  state: JiraDirectoryState;
  /** Scheme and host the caller used, for `self` links. */
  baseUrl: string;
  /** The site's public address (https://<site>.atlassian.net), as serverInfo reports it. */
  siteUrl: string;
}

export type JiraRoute = (context: JiraRouteContext) => SimResponse;
