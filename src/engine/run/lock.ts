import { SyncError } from '../../core/errors';
import type { KeyValueStore } from '../../ports/key-value-store';
import { STORAGE_KEYS } from '../state/keys';

interface Lease {
  runId: string;
  expiresAt: number;
}

/**
 * One run at a time: a lease in KVS. A lease that outlived its expiry (a run that died) can be
 * taken over; a live one refuses the newcomer with `run-in-progress`.
 */
export async function acquireRunLock(
  kv: KeyValueStore,
  runId: string,
  now: number,
  leaseMs: number,
  isRunFinished: (runId: string) => Promise<boolean>,
): Promise<void> {
  const current = await kv.get<Lease>(STORAGE_KEYS.runLock);
  // A lease still held by a finished run (it stopped between saving and releasing) is free.
  if (current && current.expiresAt > now && current.runId !== runId && !(await isRunFinished(current.runId))) {
    throw new SyncError(
      'run-in-progress',
      `Another sync (run ${current.runId}) is in progress. Wait for it to finish or cancel it.`,
    );
  }
  if (current) await kv.delete(STORAGE_KEYS.runLock);
  const stored = await kv.setIfAbsent<Lease>(STORAGE_KEYS.runLock, { runId, expiresAt: now + leaseMs });
  if (!stored) {
    const winner = await kv.get<Lease>(STORAGE_KEYS.runLock);
    throw new SyncError(
      'run-in-progress',
      `Another sync (run ${winner?.runId ?? 'unknown'}) started at the same moment. Wait for it to finish.`,
    );
  }
}

export async function currentLease(kv: KeyValueStore): Promise<Lease | undefined> {
  return kv.get<Lease>(STORAGE_KEYS.runLock);
}

export async function renewRunLock(kv: KeyValueStore, runId: string, now: number, leaseMs: number): Promise<void> {
  const current = await kv.get<Lease>(STORAGE_KEYS.runLock);
  if (current && current.runId !== runId && current.expiresAt > now) {
    throw new SyncError(
      'run-lock-lost',
      `Run ${runId} lost its lock to run ${current.runId}; it stops without further changes.`,
    );
  }
  await kv.set<Lease>(STORAGE_KEYS.runLock, { runId, expiresAt: now + leaseMs });
}

export async function releaseRunLock(kv: KeyValueStore, runId: string): Promise<void> {
  const current = await kv.get<Lease>(STORAGE_KEYS.runLock);
  if (current?.runId === runId) await kv.delete(STORAGE_KEYS.runLock);
}
