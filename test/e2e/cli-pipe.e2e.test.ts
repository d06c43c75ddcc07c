import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoScenario } from '../helpers';

const root = path.resolve(__dirname, '../..');

/** The demo tenant with `extra` more users in Engineering, so the report is large. */
function bigDemo(extra: number) {
  const scenario = demoScenario();
  const id = (n: number) => `50000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
  const users = Array.from({ length: extra }, (_, n) => ({
    id: id(n),
    userPrincipalName: `pipe.user${n}@contoso.com`,
    mail: `pipe.user${n}@contoso.com`,
    displayName: `Pipe User ${n}`,
    accountEnabled: true,
    userType: 'Member',
  }));
  scenario.entra.users.push(...users);
  scenario.entra.groups[0]?.members.push(...users.map((u) => u.id));
  return scenario;
}

/** Issue 17 item 7: `npm run sync -- --json` through a pipe delivers the whole report. */
describe('the --json report through a pipe', () => {
  it('arrives whole when it is larger than a pipe buffer (over 128 KiB)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sync-pipe-'));
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(file, JSON.stringify(bigDemo(1200)));
    try {
      const child = spawn(
        process.execPath,
        [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'dev/cli/sync.ts', '--scenario', file, '--json'],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const chunks: Buffer[] = [];
      // Read slowly, as a pipeline does, so the writer outpaces the reader.
      child.stdout.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 5);
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      const text = Buffer.concat(chunks).toString('utf8');
      expect(Buffer.byteLength(text)).toBeGreaterThan(128 * 1024);
      const report = JSON.parse(text) as { status: string; users: unknown[] };
      expect(report.status).toBe('succeeded');
      expect(report.users.length).toBeGreaterThan(1200);
      expect(code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
