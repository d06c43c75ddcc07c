import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QueuedEvent } from '../../../dev/host/in-process-queue';
import { InProcessQueue } from '../../../dev/host/in-process-queue';

/** The local host's queue keeps events on disk, as Forge keeps them: a restart does not lose a run's next step. */
describe('the local event queue', () => {
  const file = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sync-queue-')), 'queue.json');

  it('survives a restart: pending events are delivered by the next host at once', async () => {
    const queueFile = file();
    const before = new InProcessQueue(() => Date.now(), queueFile);
    await before.push([{ body: { runId: 'r1', seq: 3 } }]);

    const after = new InProcessQueue(() => Date.now(), queueFile);
    const delivered: QueuedEvent[] = [];
    const stop = after.startDelivering(
      async (event) => void delivered.push(event),
      () => undefined,
    );
    try {
      for (let i = 0; i < 50 && (delivered.length === 0 || after.pending.length > 0); i++)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      stop();
    }
    expect(delivered.map((e) => e.body)).toEqual([{ runId: 'r1', seq: 3 }]);
    expect(JSON.parse(fs.readFileSync(queueFile, 'utf8'))).toEqual([]);
  });

  it('keeps an event on disk until its delivery has finished (a crash mid-step delivers it again)', async () => {
    const queueFile = file();
    const queue = new InProcessQueue(() => Date.now(), queueFile);
    await queue.push([{ body: { runId: 'r2', seq: 0 } }]);
    let started = false;
    const stop = queue.startDelivering(
      () => {
        started = true;
        return new Promise(() => undefined);
      },
      () => undefined,
    );
    try {
      for (let i = 0; i < 50 && !started; i++) await new Promise((r) => setTimeout(r, 20));
      expect(started).toBe(true);
      expect(JSON.parse(fs.readFileSync(queueFile, 'utf8'))).toMatchObject([{ body: { runId: 'r2', seq: 0 } }]);
    } finally {
      stop();
    }
  });

  it('enforces Forge’s push limits: 50 events, 200 KB, delay up to 900 s, a concurrency limit of at least 1', async () => {
    const queue = new InProcessQueue(() => 0);
    await expect(queue.push(Array.from({ length: 51 }, (_, i) => ({ body: { runId: `r${i}` } })))).rejects.toThrow(
      'TooManyEventsError',
    );
    await expect(queue.push([{ body: { runId: 'r', pad: 'x'.repeat(205 * 1024) } }])).rejects.toThrow(
      'PayloadTooBigError',
    );
    await expect(queue.push([{ body: { runId: 'r' }, delaySeconds: 901 }])).rejects.toThrow('InvalidPushSettingsError');
    await expect(queue.push([{ body: { runId: 'r' }, concurrency: { key: 'k', limit: 0 } }])).rejects.toThrow(
      'InvalidPushSettingsError',
    );
    expect(queue.pending).toEqual([]);
  });
});
