import type { ScenarioEntraObject } from '../../scenario/scenario';
import type { SimResponse } from '../sim-server';
import type { DirectoryMember } from './directory-index';
import { GRAPH_ERRORS, graphError } from './graph-errors';
import { GROUP_TYPE, USER_TYPE, groupResource, userResource } from './graph-objects';
import type { GraphObject } from './odata-select';
import {
  GROUP_DEFAULT_PROPERTIES,
  GROUP_PROPERTIES,
  USER_DEFAULT_PROPERTIES,
  USER_PROPERTIES,
  parseSelect,
  project,
  unknownProperty,
} from './odata-select';
import { isResponse, pageResponse, pageSize, readPageRequest } from './paging';
import { canRead } from './permissions';
import type { RouteContext } from './route-context';
import { metadataContext } from './route-context';

const ANY_MEMBER_PROPERTIES = [...new Set([...USER_PROPERTIES, ...GROUP_PROPERTIES])];

/** Each type keeps only the selected properties it has (directoryObject collections mix types). */
function ownProperties(
  selected: string[] | undefined,
  known: readonly string[],
  defaults: readonly string[],
): readonly string[] {
  if (!selected) return defaults;
  return selected.filter((p) => known.some((k) => k.toLowerCase() === p.toLowerCase()));
}

/**
 * Limited-information rule (facts 2.5): without a user read permission, user members come back
 * with `@odata.type` and `id` only, every other property null.
 */
function memberObject(member: DirectoryMember, selected: string[] | undefined, canReadUsers: boolean): GraphObject {
  if (member.type === 'other') return otherObject(member.object, selected);
  if (member.type === 'group') {
    return {
      '@odata.type': GROUP_TYPE,
      ...project(
        groupResource(member.group),
        ownProperties(selected, GROUP_PROPERTIES, GROUP_DEFAULT_PROPERTIES),
        GROUP_PROPERTIES,
      ),
    };
  }
  const properties = ownProperties(selected, USER_PROPERTIES, USER_DEFAULT_PROPERTIES);
  const full = project(userResource(member.user), properties, USER_PROPERTIES);
  if (canReadUsers) return { '@odata.type': USER_TYPE, ...full };
  const limited: GraphObject = { '@odata.type': USER_TYPE, id: member.user.id };
  for (const key of Object.keys(full)) if (key !== 'id') limited[key] = null;
  return limited;
}

/** An org contact, device or service principal with the selected properties it has (id, displayName, mail). */
function otherObject(object: ScenarioEntraObject, selected: string[] | undefined): GraphObject {
  const own: GraphObject = { id: object.id, displayName: object.displayName };
  if (object.type === 'orgContact') own.mail = object.mail ?? null;
  const wanted = selected?.map((p) => p.toLowerCase());
  const out: GraphObject = { '@odata.type': `#microsoft.graph.${object.type}` };
  for (const [key, value] of Object.entries(own))
    if (!wanted || key === 'id' || wanted.includes(key.toLowerCase())) out[key] = value;
  return out;
}

/** GET /v1.0/groups/{id}/members (direct) and /transitiveMembers (flattened, deduplicated). */
export function listMembers(context: RouteContext, groupId: string, transitive: boolean): SimResponse {
  if (!canRead(context.roles, 'groups')) return GRAPH_ERRORS.forbidden();
  const group = context.directory.group(groupId);
  if (!group) return GRAPH_ERRORS.notFound(groupId);
  const page = readPageRequest(context.request, context.path);
  if (isResponse(page)) return page;
  const size = pageSize(page.query);
  if (isResponse(size)) return size;
  if (page.query.has('$filter')) return GRAPH_ERRORS.unsupportedQuery();
  const selected = parseSelect(page.query);
  const unknown = unknownProperty(selected, ANY_MEMBER_PROPERTIES);
  if (unknown)
    return graphError(
      400,
      'BadRequest',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.directoryObject'.`,
    );
  const members = transitive ? context.directory.transitiveMembers(group) : context.directory.directMembers(group);
  const canReadUsers = canRead(context.roles, 'users');
  return pageResponse(
    context.request,
    context.path,
    page,
    size,
    members,
    metadataContext(context, 'directoryObjects'),
    (member) => memberObject(member, selected, canReadUsers),
  );
}
