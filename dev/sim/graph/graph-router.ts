import type { SimResponse } from '../sim-server';
import { getApplication } from './applications-route';
import { GRAPH_ERRORS } from './graph-errors';
import { groupsDelta } from './groups-delta-route';
import { getGroup, listGroups } from './groups-route';
import { listMembers } from './members-route';
import type { RouteContext } from './route-context';
import { usersDelta } from './users-delta-route';
import { listUsers } from './users-route';

/** Graph accepts both `delta` and the function-call form `delta()`. */
const isDelta = (segment: string | undefined) => segment === 'delta' || segment === 'delta()';
const APP_BY_APP_ID = /^applications\(appId='((?:[^']|'')*)'\)$/i;

/** Dispatches an authenticated `/v1.0/...` request; unknown segments get Graph's 400. */
export function routeGraph(context: RouteContext): SimResponse {
  if (context.request.method !== 'GET') return GRAPH_ERRORS.methodNotAllowed();
  const segments = context.path
    .replace(/^\/v1\.0\/?/, '')
    .split('/')
    .filter((s) => s.length > 0);
  const [first = '', second, third, ...rest] = segments;
  if (rest.length > 0) return GRAPH_ERRORS.unknownSegment(rest[0]!);

  if (first === 'users' && second === undefined) return listUsers(context);
  if (first === 'users' && isDelta(second) && third === undefined) return usersDelta(context);
  if (first === 'groups') {
    if (second === undefined) return listGroups(context);
    if (isDelta(second) && third === undefined) return groupsDelta(context);
    if (third === undefined) return getGroup(context, second);
    if (third === 'transitiveMembers') return listMembers(context, second, true);
    if (third === 'members') return listMembers(context, second, false);
    return GRAPH_ERRORS.unknownSegment(third);
  }
  const byAppId = APP_BY_APP_ID.exec(first);
  if (byAppId && second === undefined) return getApplication(context, { appId: byAppId[1]!.replace(/''/g, "'") });
  if (first === 'applications' && second !== undefined && third === undefined)
    return getApplication(context, { objectId: second });
  return GRAPH_ERRORS.unknownSegment(first || 'v1.0');
}
