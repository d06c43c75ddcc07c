import type { SimResponse } from '../sim-server';
import { canAdministerJira, canBrowseUsers } from './identities';
import { jiraError } from './jira-error-response';
import type { JiraRoute, JiraRouteContext } from './route-context';

interface GlobalPermission {
  id: string;
  name: string;
  description: string;
  holds: (context: JiraRouteContext) => boolean;
}

/** The global permissions the app asks about; others are refused as unknown keys. */
const GLOBAL_PERMISSIONS: Record<string, GlobalPermission> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects. Users with this permission can perform most administration tasks, except: managing users, importing data, and editing system email settings.',
    holds: ({ identity, state }) => canAdministerJira(identity, state),
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    description:
      'View and select users or groups from the user picker, and share issues. Users with this permission can see the names of all users and groups on your site.',
    holds: ({ identity, state }) => canBrowseUsers(identity, state),
  },
};

/** GET /rest/api/3/mypermissions?permissions=KEY,KEY (the parameter has been required since 2019). */
export const getMyPermissions: JiraRoute = (context): SimResponse => {
  const keys = (context.request.query.get('permissions') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) return jiraError(400, 'The permissions query parameter is required.');
  const unknown = keys.filter((k) => !GLOBAL_PERMISSIONS[k]);
  if (unknown.length > 0) return jiraError(400, `Unrecognized permission keys: ${unknown.join(', ')}.`);
  const permissions = Object.fromEntries(
    keys.map((key) => {
      const p = GLOBAL_PERMISSIONS[key] as GlobalPermission;
      return [
        key,
        { id: p.id, key, name: p.name, type: 'GLOBAL', description: p.description, havePermission: p.holds(context) },
      ];
    }),
  );
  return { status: 200, body: { permissions } };
};
