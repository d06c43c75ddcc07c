/** Every KVS key the app writes, in one place (KVS keys: at most 500 of [a-zA-Z0-9:._\s-#]). */
export const STORAGE_KEYS = {
  settings: 'settings:v1',
  secretHints: 'settings:v1:secret-hints',
  clientSecret: 'secret:v1:client-secret',
  apiToken: 'secret:v1:api-token',
  runLock: 'lock:v1:sync',
  stepLock: (runId: string, seq: number) => `lock:v1:step:${runId}:${seq}`,
  runIndex: 'runs:v1:index',
  cancelRequest: (runId: string) => `cancel:v1:${runId}`,
  run: (runId: string) => `run:v1:${runId}`,
  runData: (runId: string, kind: string) => `rundata:v1:${runId}:${kind}:`,
  groupRegistry: 'registry:v1:groups',
  /** The first layout: 32 fixed buckets (read once to migrate, then deleted). */
  legacyUserLinks: (bucket: number) => `links:v1:users:${bucket.toString().padStart(2, '0')}`,
  userLinksLayout: 'links:v2:layout',
  userLinks: (generation: number, bucket: number) => `links:v2:users:${generation}:${bucket}`,
  lastScheduledStart: 'schedule:v1:last-start',
  /** Secret storage: an access token is a credential. */
  graphToken: 'secret:v1:graph-token',
  health: 'health:v1:runs',
  /** The write identity's last healthy check (stages/apply/write-identity.ts). */
  writeIdentityHealthy: 'health:v1:write-identity',
  snapshotMeta: 'snapshot:v1:meta',
  snapshotRootGroups: 'snapshot:v1:root-groups:',
  /** Where each chosen group's members are stored (state/member-index.ts). */
  snapshotMemberIndex: 'snapshot:v1:member-index:',
  /** Each stored user's record and chosen groups, in hashed buckets per full run (state/user-index.ts). */
  snapshotUserIndex: (baseRunId: string, bucket: number) => `snapshot:v1:user-index:${baseRunId}:${bucket}`,
  secretExpiry: 'health:v1:secret-expiry',
  /** Drift repair's place in its cycle (src/core/drift-repair.ts). */
  driftCursor: 'drift:v1:cursor',
  /** Users drift repair searched this cycle and found no account for (state/searched-unfound.ts). */
  driftUnfound: (cycleStartedAt: number, bucket: number) => `drift:v1:unfound:${cycleStartedAt}:${bucket}`,
  pointsMeasure: 'budget:v1:points',
  // Near-real-time updates (Graph change notifications); the clientState secrets live in secret storage.
  subscriptions: 'notifications:v1:subscriptions',
  subscriptionClientState: (resource: string) => `secret:v1:notifications:${resource}`,
  subscriptionLifecycle: (subscriptionId: string) => `notifications:v1:lifecycle:${subscriptionId.toLowerCase()}`,
  subscriptionHandshake: 'notifications:v1:handshake',
  notificationReceived: (resource: string) => `notifications:v1:received:${resource}`,
  notificationRate: (minute: number) => `notifications:v1:rate:${minute}`,
  pendingChanges: 'notifications:v1:pending',
  changeRunArmed: 'notifications:v1:armed',
  lastNotifiedRun: 'notifications:v1:last-run',
} as const;

/** Keep the last 100 runs; run data beyond that is deleted. */
export const RUN_HISTORY_LIMIT = 100;
/** A run's records (its plan with results, and each user's outcome) expire after 30 days. */
export const RUN_DATA_TTL_SECONDS = 30 * 24 * 3600;
/** What a run read (Jira accounts, lookups, drift-repair pages) is only needed by the run itself: three days, then KVS drops it. */
export const SOURCE_DATA_TTL_SECONDS = 3 * 24 * 3600;
/**
 * The Entra state incremental runs continue from (a full run's reads, each overlay's) lives until a
 * later full run replaces it; with drift repair spread across runs that can be weeks, so it is kept
 * 60 days and a full run reads it afresh after 45 (source-snapshot.ts).
 */
export const SNAPSHOT_DATA_TTL_SECONDS = 60 * 24 * 3600;
