import { z } from 'zod';
import { wellKnownAccess } from '../core/protected-names';
import type { DriftCycleSetting } from '../core/drift-repair';
import { protectedMappingRefusal } from './protected-mapping';

/**
 * The settings object of design.md section 6: also the export and import format (secrets left
 * out on export). Unknown keys are refused so a typo never silently drops a setting.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A verified domain is also accepted by Entra as the tenant in the authority URL.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
// Jira group names: no leading/trailing space, no control characters, at most 255 characters.
const JIRA_GROUP_NAME = /^(?!\s)(?!.*\s$)[^\u0000-\u001f\u007f]{1,255}$/;

export const guid = z.string().trim().regex(GUID, 'must be a GUID like 00000000-0000-0000-0000-000000000000');
export const tenantIdSchema = z
  .string()
  .trim()
  .refine(
    (v) => GUID.test(v) || DOMAIN.test(v),
    'must be the tenant GUID or a verified domain such as contoso.onmicrosoft.com',
  );
export const jiraGroupName = z
  .string()
  .regex(JIRA_GROUP_NAME, 'must be 1 to 255 characters, with no control characters or surrounding spaces');
export const accountId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'must be an Atlassian account ID');
const email = z.string().trim().max(254).email('must be an email address');
const domain = z.string().trim().toLowerCase().regex(DOMAIN, 'must be a domain such as contoso.com');

export const CLOUDS = ['global', 'usgov', 'usgov-dod', 'china'] as const;
export const DRIFT_CYCLES = ['auto', 'daily', 'weekly'] as const satisfies readonly DriftCycleSetting[];
export const SCHEDULE_INTERVALS = ['5m', '15m', '1h', '4h', '24h'] as const;

export const DEFAULT_MAX_GROUP_PERCENT = 50;
/** Chosen Entra groups: 3,000 IDs keep the stored settings near 120 KB, well under KVS's 240 KiB per value. */
export const MAX_CHOSEN_GROUPS = 3000;
/**
 * The largest settings payload a resolver takes (characters, keys counted): room for
 * MAX_CHOSEN_GROUPS IDs (about 44 characters each with their index) and the rest of the settings.
 */
export const MAX_SETTINGS_PAYLOAD = MAX_CHOSEN_GROUPS * 44 + 68_000;

const secretValue = z.string().min(1).max(1024);

export const settingsSchema = z
  .object({
    tenantId: tenantIdSchema,
    clientId: guid,
    clientSecret: secretValue.optional(),
    cloud: z.enum(CLOUDS).default('global'),
    scope: z
      .object({
        mode: z.enum(['groups', 'all']).default('groups'),
        groupIds: z
          .array(guid)
          .max(MAX_CHOSEN_GROUPS, `at most ${MAX_CHOSEN_GROUPS.toLocaleString('en-US')} groups can be chosen`)
          .default([]),
        domains: z.array(domain).max(100).default([]),
        includeGuests: z.boolean().default(false),
        includeDisabled: z.boolean().default(false),
      })
      .strict(),
    identifier: z.enum(['mail', 'userPrincipalName']).default('mail'),
    groups: z
      .object({
        mapping: z
          .array(z.object({ entraGroupId: guid, jiraGroup: jiraGroupName }).strict())
          .max(500)
          .default([]),
        namePrefix: z
          .string()
          .max(64)
          .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
          .default(''),
        createMissing: z.boolean().default(true),
        // Product-access groups (which include default access groups: Jira does not mark those apart)
        // are protected unless the admin allows them here, and then only when mapped explicitly.
        allowProductAccessGroups: z.boolean().default(false),
      })
      .strict()
      .default({ mapping: [], namePrefix: '', createMissing: true, allowProductAccessGroups: false }),
    users: z
      .object({
        createMissing: z.boolean().default(false),
        // Products new accounts get, always explicit (Jira's create-user would otherwise grant nothing; jira.js defaults to all).
        products: z
          .array(z.enum(['jira-software', 'jira-core', 'jira-servicedesk', 'jira-product-discovery']))
          .max(4)
          .default([]),
      })
      .strict()
      .default({ createMissing: false, products: [] }),
    removals: z
      .object({
        enabled: z.boolean().default(true),
        maxPerRun: z.number().int().min(0).max(1_000_000).default(50),
        maxPercent: z.number().min(0).max(100).default(10),
        // Per group: a group losing more than half its members in one run is held for approval.
        maxGroupPercent: z.number().min(0).max(100).default(DEFAULT_MAX_GROUP_PERCENT),
      })
      .strict()
      .default({ enabled: true, maxPerRun: 50, maxPercent: 10, maxGroupPercent: DEFAULT_MAX_GROUP_PERCENT }),
    schedule: z
      .object({
        enabled: z.boolean().default(false),
        interval: z.enum(SCHEDULE_INTERVALS).optional(),
        cron: z.string().max(120).optional(),
      })
      .strict()
      .default({ enabled: false }),
    // How often drift repair re-reads every managed Jira group (src/core/drift-repair.ts).
    driftRepair: z
      .object({ cycle: z.enum(DRIFT_CYCLES).default('auto') })
      .strict()
      .default({ cycle: 'auto' }),
    // Near-real-time updates: Graph change notifications on users and groups start incremental runs.
    notifications: z
      .object({ enabled: z.boolean().default(false) })
      .strict()
      .default({ enabled: false }),
    writeAs: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('runAsAdmin'), accountId }).strict(),
      z.object({ mode: z.literal('apiToken'), email, apiToken: secretValue.optional() }).strict(),
    ]),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.scope.mode === 'groups' && s.scope.groupIds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['scope', 'groupIds'],
        message: 'choose at least one Entra group, or sync all users',
      });
    }
    const mapped = new Set(s.groups.mapping.map((m) => m.entraGroupId.toLowerCase()));
    if (mapped.size !== s.groups.mapping.length) {
      ctx.addIssue({ code: 'custom', path: ['groups', 'mapping'], message: 'each Entra group may be mapped once' });
    }
    s.groups.mapping.forEach((m, i) => {
      const refusal = protectedMappingRefusal(
        m.jiraGroup,
        wellKnownAccess(m.jiraGroup),
        s.groups.allowProductAccessGroups,
      );
      if (refusal) ctx.addIssue({ code: 'custom', path: ['groups', 'mapping', i, 'jiraGroup'], message: refusal });
    });
    if (s.users.createMissing && s.writeAs.mode !== 'apiToken') {
      ctx.addIssue({
        code: 'custom',
        path: ['users', 'createMissing'],
        message:
          'creating accounts needs the service-account (API token) write identity of an organization admin; Jira does not let Forge apps create users',
      });
    }
    if (s.schedule.enabled && !s.schedule.interval && !s.schedule.cron) {
      ctx.addIssue({
        code: 'custom',
        path: ['schedule'],
        message: 'an enabled schedule needs an interval or a cron expression',
      });
    }
  });

/** Settings as the engine uses them: parsed, defaults filled, secrets possibly absent. */
export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
