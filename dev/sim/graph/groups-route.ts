import type { SimResponse } from '../sim-server';
import { GRAPH_ERRORS, graphError } from './graph-errors';
import { groupResource } from './graph-objects';
import { matchesGroupFilter, parseGroupFilter } from './odata-filter';
import { GROUP_DEFAULT_PROPERTIES, GROUP_PROPERTIES, parseSelect, project, unknownProperty } from './odata-select';
import { isResponse, pageResponse, pageSize, readPageRequest } from './paging';
import { canRead } from './permissions';
import type { RouteContext } from './route-context';
import { metadataContext } from './route-context';

function selectedGroupProperties(query: URLSearchParams): string[] | SimResponse {
  const selected = parseSelect(query);
  const unknown = unknownProperty(selected, GROUP_PROPERTIES);
  if (unknown)
    return graphError(
      400,
      'BadRequest',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.group'.`,
    );
  return selected ?? GROUP_DEFAULT_PROPERTIES;
}

/** GET /v1.0/groups with the default-supported `$filter` forms; needs a group read permission. */
export function listGroups(context: RouteContext): SimResponse {
  if (!canRead(context.roles, 'groups')) return GRAPH_ERRORS.forbidden();
  const page = readPageRequest(context.request, context.path);
  if (isResponse(page)) return page;
  const size = pageSize(page.query);
  if (isResponse(size)) return size;
  const properties = selectedGroupProperties(page.query);
  if (isResponse(properties)) return properties;
  let groups = context.directory.groups;
  const filterText = page.query.get('$filter');
  if (filterText !== null) {
    const parsed = parseGroupFilter(filterText);
    if (!parsed.ok) return graphError(parsed.status, parsed.code, parsed.message);
    groups = groups.filter((group) => matchesGroupFilter(parsed.filter, group));
  }
  const items = groups.map((group) => project(groupResource(group), properties, GROUP_PROPERTIES));
  return pageResponse(context.request, context.path, page, size, items, metadataContext(context, 'groups'));
}

/** GET /v1.0/groups/{id}. */
export function getGroup(context: RouteContext, groupId: string): SimResponse {
  if (!canRead(context.roles, 'groups')) return GRAPH_ERRORS.forbidden();
  const group = context.directory.group(groupId);
  if (!group) return GRAPH_ERRORS.notFound(groupId);
  const properties = selectedGroupProperties(context.request.query);
  if (isResponse(properties)) return properties;
  return {
    status: 200,
    body: {
      '@odata.context': metadataContext(context, 'groups/$entity'),
      ...project(groupResource(group), properties, GROUP_PROPERTIES),
    },
  };
}
