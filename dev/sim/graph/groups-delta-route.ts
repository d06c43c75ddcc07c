import type { SimResponse } from '../sim-server';
import type { MemberRef } from './change-log';
import { deltaScope } from './delta-filter';
import type { DeltaRequest } from './delta-route';
import { serveDelta } from './delta-route';
import type { DirectoryMember } from './directory-index';
import { refOf } from './directory-index';
import { GRAPH_ERRORS, graphError } from './graph-errors';
import { groupResource } from './graph-objects';
import type { GraphObject } from './odata-select';
import { GROUP_DEFAULT_PROPERTIES, GROUP_PROPERTIES, parseSelect, project, unknownProperty } from './odata-select';
import { isResponse } from './paging';
import { canRead } from './permissions';
import type { RouteContext } from './route-context';

/** Server-chosen page limits: groups per page, and member references per page (a big group's list is split). */
export const GROUPS_PER_DELTA_PAGE = 50;
export const MEMBERS_PER_DELTA_PAGE = 500;

/** `members` is the navigation property whose `$select` turns on `members@delta`. */
const DELTA_GROUP_PROPERTIES = [...GROUP_PROPERTIES, 'members'];

interface GroupEntry {
  object: GraphObject;
  members: GraphObject[];
}

function ref(member: MemberRef, removed = false): GraphObject {
  const out: GraphObject = { '@odata.type': `#microsoft.graph.${member.type}`, id: member.id };
  if (removed) out['@removed'] = { reason: 'deleted' };
  return out;
}

function memberRef(member: DirectoryMember): GraphObject {
  return ref(refOf(member));
}

/**
 * Pages of at most GROUPS_PER_DELTA_PAGE entries and MEMBERS_PER_DELTA_PAGE member references. A
 * group with more members continues on the next page as another entry with the same id (facts 3.3).
 */
export function groupPages(entries: GroupEntry[], withMembers: boolean): GraphObject[][] {
  const pages: GraphObject[][] = [];
  let current: GraphObject[] = [];
  let refs = 0;
  const flush = () => {
    pages.push(current);
    current = [];
    refs = 0;
  };
  for (const entry of entries) {
    let offset = 0;
    do {
      if (
        current.length === GROUPS_PER_DELTA_PAGE ||
        (refs === MEMBERS_PER_DELTA_PAGE && offset < entry.members.length)
      )
        flush();
      const take = Math.min(entry.members.length - offset, MEMBERS_PER_DELTA_PAGE - refs);
      const object: GraphObject = { ...entry.object };
      if (withMembers && take > 0) object['members@delta'] = entry.members.slice(offset, offset + take);
      current.push(object);
      refs += take;
      offset += take;
    } while (offset < entry.members.length);
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}

function buildGroupPages(context: RouteContext, request: DeltaRequest): GraphObject[][] | SimResponse {
  if (request.query.has('$orderby')) return GRAPH_ERRORS.unsupportedQuery('$orderby is not supported on delta.');
  const selected = parseSelect(request.query);
  const unknown = unknownProperty(selected, DELTA_GROUP_PROPERTIES);
  if (unknown)
    return graphError(
      400,
      'BadRequest',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.group'.`,
    );
  const withMembers = selected?.some((p) => p.toLowerCase() === 'members') ?? false;
  const properties = (selected ?? GROUP_DEFAULT_PROPERTIES).filter((p) => p.toLowerCase() !== 'members');
  const scope = deltaScope(request.query);
  if (isResponse(scope)) return scope;
  const inScope = (id: string) => scope === undefined || scope.has(id.toLowerCase());
  const { directory, delta } = context;
  const since = request.since;

  const entries: GroupEntry[] = [];
  for (const group of directory.groups) {
    if (!inScope(group.id)) continue;
    const object = project(groupResource(group), properties, GROUP_PROPERTIES);
    if (since === null || delta.log.groups.createdSince(group.id, since)) {
      entries.push({ object, members: withMembers ? directory.directMembers(group).map(memberRef) : [] });
      continue;
    }
    // Changed groups come with every selected property and only the membership changes.
    const membership = withMembers ? delta.log.membershipSince(group.id, since) : { added: [], removed: [] };
    const members = [...membership.added.map((m) => ref(m)), ...membership.removed.map((m) => ref(m, true))];
    if (members.length > 0 || delta.log.groups.changedSince(group.id, since, properties))
      entries.push({ object, members });
  }
  if (since !== null) {
    for (const { id, reason } of delta.log.groups.deletedSince(since)) {
      if (inScope(id) && !directory.group(id)) entries.push({ object: { id, '@removed': { reason } }, members: [] });
    }
  }
  return groupPages(entries, withMembers);
}

/** GET /v1.0/groups/delta: needs a group read permission, like the group reads. */
export function groupsDelta(context: RouteContext): SimResponse {
  if (!canRead(context.roles, 'groups')) return GRAPH_ERRORS.forbidden();
  return serveDelta(context, 'groups', buildGroupPages);
}
