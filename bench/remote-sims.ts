import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import path from 'node:path';
import type { LatencyOptions } from './bench-env';
import type { TenantPreset } from './tenant-generator';

export interface SimProcessConfig {
  users: number;
  seed: number;
  preset: TenantPreset;
  latency?: LatencyOptions;
  /** Enforce a Tier-1 points pool of this size (one site holding the whole app's pool) on the time `clock.setNow` gives. */
  jiraPoolPointsPerHour?: number;
}

export interface SimRequestMessage {
  id: number;
  target: 'graph' | 'jira' | 'clock';
  method: string;
  args: unknown[];
}

type Reply = { id: number; value?: unknown; error?: string };

/** The simulators' process, seen from the benchmark: their URLs and their methods as async calls. */
export class RemoteSims {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly graphUrl: string,
    readonly jiraUrl: string,
  ) {
    child.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.value);
    });
  }

  static start(config: SimProcessConfig): Promise<RemoteSims> {
    const child = fork(path.join(__dirname, 'sim-process.ts'), [JSON.stringify(config)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`The simulators' process exited with code ${code}`)));
      child.once('message', (reply: Reply) => {
        const urls = reply.value as { graphUrl: string; jiraUrl: string };
        resolve(new RemoteSims(child, urls.graphUrl, urls.jiraUrl));
      });
    });
  }

  call<T>(target: SimRequestMessage['target'], method: string, ...args: unknown[]): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, target, method, args } satisfies SimRequestMessage);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.removeAllListeners('exit');
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}
