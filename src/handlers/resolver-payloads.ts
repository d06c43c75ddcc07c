import { z } from 'zod';

/** Payload schema of each resolver: unknown keys are refused, sizes bounded. */
export const resolverPayloads = {
  getSettings: z.object({}).strict(),
  saveSettings: z.object({ settings: z.record(z.string(), z.unknown()) }).strict(),
  testConnection: z.object({}).strict(),
  preview: z.object({}).strict(),
  syncNow: z.object({}).strict(),
  getRun: z.object({ runId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a run ID').optional() }).strict(),
  listRuns: z.object({}).strict(),
  cancelRun: z.object({ runId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a run ID') }).strict(),
} as const;

export type ResolverPayloads = { [K in keyof typeof resolverPayloads]: z.output<(typeof resolverPayloads)[K]> };

/** Which resolvers change state or start work and so need a site admin; the rest need a Jira admin. */
export const NEEDS_SITE_ADMIN: ReadonlySet<keyof typeof resolverPayloads> = new Set(['saveSettings', 'testConnection', 'preview', 'syncNow', 'cancelRun']);
