import type { SimResponse } from '../sim-server';
import { GRAPH_ERRORS, graphError } from './graph-errors';
import { userResource } from './graph-objects';
import { USER_DEFAULT_PROPERTIES, USER_PROPERTIES, parseSelect, project, unknownProperty } from './odata-select';
import { isResponse, pageResponse, pageSize, readPageRequest } from './paging';
import { canRead } from './permissions';
import { matchesUserFilter, parseUserFilter } from './user-filter';
import type { RouteContext } from './route-context';
import { metadataContext } from './route-context';

/** GET /v1.0/users: needs User.Read.All (or Directory.Read.All); `$filter` only in the forms user-filter.ts serves. */
export function listUsers(context: RouteContext): SimResponse {
  if (!canRead(context.roles, 'users')) return GRAPH_ERRORS.forbidden();
  const page = readPageRequest(context.request, context.path);
  if (isResponse(page)) return page;
  const size = pageSize(page.query);
  if (isResponse(size)) return size;
  const selected = parseSelect(page.query);
  const unknown = unknownProperty(selected, USER_PROPERTIES);
  if (unknown)
    return graphError(
      400,
      'BadRequest',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`,
    );
  const properties = selected ?? USER_DEFAULT_PROPERTIES;
  let users = context.directory.users.map(userResource);
  const filterText = page.query.get('$filter');
  if (filterText !== null) {
    const parsed = parseUserFilter(filterText);
    if (!parsed.ok) return graphError(400, parsed.code, parsed.message);
    users = users.filter((user) => matchesUserFilter(parsed.filter, user));
  }
  return pageResponse(context.request, context.path, page, size, users, metadataContext(context, 'users'), (user) =>
    project(user, properties, USER_PROPERTIES),
  );
}
