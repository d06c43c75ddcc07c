import { z } from 'zod';

/**
 * The scenario file's schema (scenario.ts has the same shape as types): every field checked, unknown
 * keys refused, so a typo or `accountEnabled: "false"` is an error naming the file and the JSON
 * path instead of a simulator quietly serving something else. `settings` is checked later by the
 * app's own settings validation, exactly as the admin page's settings are.
 */
const id = z.string().min(1);
const jsonValue: z.ZodType<unknown> = z.unknown();

const entraUser = z.strictObject({
  id,
  userPrincipalName: z.string().min(3).includes('@'),
  mail: z.string().nullable(),
  displayName: z.string(),
  accountEnabled: z.boolean(),
  userType: z.string().min(1),
  otherMails: z.array(z.string()).optional(),
});

const entraGroup = z.strictObject({ id, displayName: z.string(), members: z.array(id) });

const entraObject = z.strictObject({
  id,
  type: z.enum(['orgContact', 'device', 'servicePrincipal']),
  displayName: z.string(),
  mail: z.string().nullable().optional(),
});

const entraApp = z.strictObject({
  tenantId: z.string().optional(),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  secretEndDateTime: z.iso.datetime({ offset: true }).optional(),
  roles: z.array(z.string()).optional(),
});

/** Changes the Graph simulator makes between runs of a multi-run scenario (`--runs`). */
const betweenRuns = z.discriminatedUnion('change', [
  z.strictObject({ afterRun: z.int().min(1), change: z.literal('softDeleteUser'), id }),
  z.strictObject({ afterRun: z.int().min(1), change: z.literal('deleteUserPermanently'), id }),
  z.strictObject({ afterRun: z.int().min(1), change: z.literal('restoreUser'), id }),
  z.strictObject({ afterRun: z.int().min(1), change: z.literal('addMember'), groupId: id, memberId: id }),
  z.strictObject({ afterRun: z.int().min(1), change: z.literal('removeMember'), groupId: id, memberId: id }),
]);

const jiraUser = z.strictObject({
  accountId: id,
  emailAddress: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  accountType: z.enum(['atlassian', 'app', 'customer', 'unknown']),
  emailHidden: z.boolean().optional(),
});

const jiraGroup = z.strictObject({
  name: z.string().min(1),
  groupId: z.string().min(1).optional(),
  members: z.array(id),
  defaultAccess: z.boolean().optional(),
  accessType: z.enum(['site-admin', 'admin', 'user']).optional(),
});

const faultMatch = {
  service: z.enum(['graph', 'jira']),
  path: z.string().startsWith('/'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'post', 'put', 'patch', 'delete']).optional(),
  times: z.int().min(1).optional(),
  after: z.int().min(0).optional(),
};

const errorFault = z.strictObject({
  ...faultMatch,
  status: z.int().min(100).max(599),
  retryAfter: z.number().min(0).optional(),
  rateLimitReason: z.string().optional(),
  body: jsonValue.optional(),
});

const shortPageFault = z.strictObject({ ...faultMatch, shortPage: z.int().min(1) });

export const scenarioSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  entra: z.strictObject({
    users: z.array(entraUser),
    groups: z.array(entraGroup),
    app: entraApp.optional(),
    verifiedDomains: z.array(z.string().min(1)).optional(),
    otherObjects: z.array(entraObject).optional(),
    deltaTokenLifetimeSeconds: z.number().positive().optional(),
    betweenRuns: z.array(betweenRuns).optional(),
  }),
  jira: z.strictObject({
    users: z.array(jiraUser),
    groups: z.array(jiraGroup),
    siteAdmins: z.array(id).default([]),
    orgAdmins: z.array(id).optional(),
    apiTokens: z.array(z.strictObject({ email: z.string(), token: z.string() })).optional(),
  }),
  settings: z.record(z.string(), jsonValue),
  faults: z.array(z.union([errorFault, shortPageFault])).optional(),
});

/** `entra.users[3].accountEnabled` from zod's path segments. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
      '',
    ) || '(the whole file)'
  );
}
