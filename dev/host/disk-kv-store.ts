import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../src/ports/clock';
import { InMemoryKeyValueStore } from './in-memory-kv-store';

/**
 * The local host's KVS: the in-memory store written through to one file per key under `dir`
 * (git-ignored `.local/`), so settings and run history survive a restart of `npm start`.
 * Secrets are kept in a separate file with owner-only permissions.
 */
export class DiskKeyValueStore extends InMemoryKeyValueStore {
  private readonly valuesDir: string;
  private readonly secretsFile: string;

  constructor(dir: string, clock: Clock) {
    super(clock);
    this.valuesDir = path.join(dir, 'values');
    this.secretsFile = path.join(dir, 'secrets.json');
    fs.mkdirSync(this.valuesDir, { recursive: true });
    for (const file of fs.readdirSync(this.valuesDir)) {
      const stored = JSON.parse(fs.readFileSync(path.join(this.valuesDir, file), 'utf8')) as {
        value: unknown;
        expiresAt: number | null;
      };
      this.entries.set(decodeURIComponent(file), {
        json: Buffer.from(JSON.stringify(stored.value), 'utf8'),
        expiresAt: stored.expiresAt,
      });
    }
    if (fs.existsSync(this.secretsFile)) {
      for (const [k, v] of Object.entries(
        JSON.parse(fs.readFileSync(this.secretsFile, 'utf8')) as Record<string, string>,
      ))
        this.secrets.set(k, v);
    }
  }

  protected override onChange(key: string): void {
    const file = path.join(this.valuesDir, encodeURIComponent(key));
    const entry = this.entries.get(key);
    if (entry)
      fs.writeFileSync(file, `{"expiresAt":${JSON.stringify(entry.expiresAt)},"value":${entry.json.toString('utf8')}}`);
    else fs.rmSync(file, { force: true });
  }

  protected override onSecretChange(): void {
    fs.writeFileSync(this.secretsFile, JSON.stringify(Object.fromEntries(this.secrets)), { mode: 0o600 });
  }
}
