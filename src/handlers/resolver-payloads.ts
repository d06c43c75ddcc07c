import { z } from 'zod';
import { MAX_SETTINGS_PAYLOAD } from '../settings/schema';

const runId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a run ID');
// Search text: bounded, no control characters; the adapters escape it for OData and Jira.
const searchText = z
  .string()
  .max(120, 'must be at most 120 characters')
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
const entraGroupId = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be an Entra group ID');
const settingsObject = z
  .record(z.string(), z.unknown())
  .refine(withinSize, `is too large (over ${MAX_SETTINGS_PAYLOAD / 1000} KB) or too deeply nested`);

/** Settings are small and shallow; anything larger than the settings can be, or 32 levels deep, is refused before parsing. */
function withinSize(value: unknown): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  let size = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (depth > 32) return false;
    if (typeof node === 'string') size += node.length;
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        size += k.length + 4;
        stack.push({ node: v, depth: depth + 1 });
      }
    } else size += 8;
    if (size > MAX_SETTINGS_PAYLOAD) return false;
  }
  return true;
}

/** Payload schema of each resolver: unknown keys are refused, sizes bounded. */
export const resolverPayloads = {
  getSettings: z.object({}).strict(),
  saveSettings: z.object({ settings: settingsObject }).strict(),
  testConnection: z.object({ settings: settingsObject.optional() }).strict(),
  preview: z.object({}).strict(),
  syncNow: z.object({}).strict(),
  getRun: z.object({ runId: runId.optional() }).strict(),
  listRuns: z.object({}).strict(),
  cancelRun: z.object({ runId }).strict(),
  approveRun: z.object({ runId }).strict(),
  discardRun: z.object({ runId }).strict(),
  getStatus: z.object({}).strict(),
  explainUser: z
    .object({
      query: searchText,
      entraId: z
        .string()
        .max(64)
        .regex(/^[0-9a-fA-F-]+$/, 'must be an Entra object ID')
        .optional(),
    })
    .strict(),
  previewSchedule: z
    .object({ interval: z.enum(['5m', '15m', '1h', '4h', '24h']).optional(), cron: z.string().max(120).optional() })
    .strict(),
  exportSettings: z.object({}).strict(),
  importSettings: z.object({ settings: settingsObject }).strict(),
  searchEntraGroups: z.object({ query: searchText }).strict(),
  searchJiraGroups: z.object({ query: searchText }).strict(),
  getRunLog: z
    .object({
      runId,
      outcome: z.string().max(32).optional(),
      text: searchText.optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  getCaller: z.object({}).strict(),
  getEntraGroups: z.object({ ids: z.array(entraGroupId).max(500) }).strict(),
  getGroupTargets: z
    .object({
      groups: z.array(z.object({ id: entraGroupId, name: z.string().max(256) }).strict()).max(3000),
      mapping: z.array(z.object({ entraGroupId, jiraGroup: z.string().min(1).max(255) }).strict()).max(3000),
      namePrefix: z.string().max(64),
      createMissing: z.boolean(),
      allowProductAccessGroups: z.boolean().optional(),
    })
    .strict(),
  getRunChanges: z
    .object({
      runId,
      op: z.enum(['createGroup', 'addMember', 'removeMember', 'createUser']).optional(),
      result: z.enum(['applied', 'planned', 'failed', 'skipped']).optional(),
      text: searchText.optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    })
    .strict(),
} as const;

export type ResolverPayloads = { [K in keyof typeof resolverPayloads]: z.output<(typeof resolverPayloads)[K]> };

/** Resolvers that change state or start work need a site admin; the rest need a Jira admin. */
export const NEEDS_SITE_ADMIN: ReadonlySet<keyof typeof resolverPayloads> = new Set([
  'saveSettings',
  'testConnection',
  'preview',
  'syncNow',
  'cancelRun',
  'approveRun',
  'discardRun',
  'importSettings',
]);
