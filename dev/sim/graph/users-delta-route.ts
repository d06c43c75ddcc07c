import type { SimResponse } from '../sim-server';
import type { DeltaRequest } from './delta-route';
import { chunk, serveDelta } from './delta-route';
import { deltaScope } from './delta-filter';
import { GRAPH_ERRORS, graphError } from './graph-errors';
import { userResource } from './graph-objects';
import type { GraphObject } from './odata-select';
import { USER_DEFAULT_PROPERTIES, USER_PROPERTIES, parseSelect, project, unknownProperty } from './odata-select';
import { isResponse } from './paging';
import { canRead } from './permissions';
import type { RouteContext } from './route-context';

/** Server-chosen page size (delta ignores `$top`); small enough that tests see paging. */
export const USERS_PER_DELTA_PAGE = 200;

function buildUserPages(context: RouteContext, request: DeltaRequest): GraphObject[][] | SimResponse {
  if (request.query.has('$orderby') || request.query.has('$expand'))
    return GRAPH_ERRORS.unsupportedQuery('$orderby and $expand are not supported on delta.');
  const selected = parseSelect(request.query);
  const unknown = unknownProperty(selected, USER_PROPERTIES);
  if (unknown)
    return graphError(
      400,
      'BadRequest',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`,
    );
  const properties = selected ?? USER_DEFAULT_PROPERTIES;
  const scope = deltaScope(request.query);
  if (isResponse(scope)) return scope;
  const inScope = (id: string) => scope === undefined || scope.has(id.toLowerCase());
  const { directory, delta } = context;
  const since = request.since;
  // New and changed users in full (selected properties), as without `Prefer: return=minimal`.
  const changed = directory.users.filter(
    (u) =>
      inScope(u.id) &&
      (since === null ||
        delta.log.users.createdSince(u.id, since) ||
        delta.log.users.changedSince(u.id, since, properties)),
  );
  const entries: GraphObject[] = changed.map((user) => project(userResource(user), properties, USER_PROPERTIES));
  if (since !== null) {
    for (const { id, reason } of delta.log.users.deletedSince(since)) {
      if (inScope(id) && !directory.user(id)) entries.push({ id, '@removed': { reason } });
    }
  }
  return chunk(entries, USERS_PER_DELTA_PAGE);
}

/** GET /v1.0/users/delta: needs a user read permission (delta needs what the read needs, facts 3.1). */
export function usersDelta(context: RouteContext): SimResponse {
  if (!canRead(context.roles, 'users')) return GRAPH_ERRORS.forbidden();
  return serveDelta(context, 'users', buildUserPages);
}
