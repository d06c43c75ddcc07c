import { InMemoryKeyValueStore } from '../../dev/host/in-memory-kv-store';
import { InProcessQueue } from '../../dev/host/in-process-queue';
import type { Clock } from '../../src/ports/clock';

/**
 * The faults Forge can produce in a function's process. A process that dies makes every later
 * storage call, queue push and HTTP request of that invocation fail, as if the function were killed.
 * Shared by the store, the queue and the network of one rig.
 */
export interface ProcessState {
  dead: boolean;
  /** Side effects seen so far in the current invocation (storage writes, pushes, Jira writes). */
  effects: number;
  /** Kills the process right after this side effect of the current invocation (1-based). */
  killAfterEffect: number | null;
  /** Kills the process when the run record is about to be written (before the checkpoint). */
  killBeforeCheckpoint: boolean;
  /** Kills the process right after the run record was written (after the checkpoint). */
  killAfterCheckpoint: boolean;
  /** Successful Jira writes in the current invocation. */
  jiraWrites: number;
  /** Kills the process right after this Jira write of the current invocation (1-based). */
  killAfterJiraWrite: number | null;
}

export class ProcessCrash extends Error {
  constructor(what: string) {
    super(`process crashed (injected) at ${what}`);
  }
}

/** A live process with nothing armed: how every invocation starts. */
export function freshProcess(): ProcessState {
  return {
    dead: false,
    effects: 0,
    killAfterEffect: null,
    killBeforeCheckpoint: false,
    killAfterCheckpoint: false,
    jiraWrites: 0,
    killAfterJiraWrite: null,
  };
}

export function effectDone(process: ProcessState): void {
  process.effects++;
  if (process.killAfterEffect !== null && process.effects >= process.killAfterEffect) process.dead = true;
}

/** Counts a successful Jira write, killing the process after it when armed to. */
export function jiraWriteDone(process: ProcessState): void {
  process.jiraWrites++;
  effectDone(process);
  if (process.killAfterJiraWrite !== null && process.jiraWrites >= process.killAfterJiraWrite) process.dead = true;
}

const RUN_RECORD = /^run:v1:/;

/** The in-memory KVS with an injectable process death and a view of the secret storage. */
export class FaultKvStore extends InMemoryKeyValueStore {
  constructor(
    clock: Clock,
    private readonly process: ProcessState,
  ) {
    super(clock);
  }

  private alive(what: string): void {
    if (this.process.dead) throw new ProcessCrash(what);
  }

  override async get<T>(key: string): Promise<T | undefined> {
    this.alive(`get ${key}`);
    return super.get<T>(key);
  }

  override async set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void> {
    this.alive(`set ${key}`);
    if (this.process.killBeforeCheckpoint && RUN_RECORD.test(key)) {
      this.process.dead = true;
      throw new ProcessCrash(`checkpoint ${key}`);
    }
    await super.set(key, value, options);
    if (this.process.killAfterCheckpoint && RUN_RECORD.test(key)) this.process.dead = true;
    effectDone(this.process);
  }

  override async setIfAbsent<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean> {
    this.alive(`setIfAbsent ${key}`);
    return super.setIfAbsent(key, value, options);
  }

  override async delete(key: string): Promise<void> {
    this.alive(`delete ${key}`);
    await super.delete(key);
    effectDone(this.process);
  }

  override async listKeys(prefix: string): Promise<string[]> {
    this.alive(`listKeys ${prefix}`);
    return super.listKeys(prefix);
  }

  override async getSecret(key: string): Promise<string | undefined> {
    this.alive(`getSecret ${key}`);
    return super.getSecret(key);
  }

  /** The secret storage, for tests that prove nothing changed or that scan for leaks. */
  secretsDump(): Record<string, string> {
    return Object.fromEntries(this.secrets);
  }

  /** Values and secrets, as one comparable snapshot. */
  snapshot(): string {
    return JSON.stringify({ values: this.dump(), secrets: this.secretsDump() });
  }
}

/** The in-process queue whose pushes fail once the process is dead. */
export class FaultQueue extends InProcessQueue {
  constructor(
    now: () => number,
    private readonly process: ProcessState,
  ) {
    super(now);
  }

  override async push(events: Parameters<InProcessQueue['push']>[0]): Promise<void> {
    if (this.process.dead) throw new ProcessCrash('queue push');
    await super.push(events);
    effectDone(this.process);
  }
}
