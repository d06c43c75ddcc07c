import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const INPUTS = ['src', 'package-lock.json', 'tsconfig.json'];

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs.readdirSync(full).flatMap((name) => filesUnder(path.join(entry, name)));
}

/** Where the bundle of the current sources lives (.local/bundle/<hash of the inputs>/index.cjs). */
export function bundleFile(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder).sort())
    hash.update(file).update(fs.readFileSync(path.join(ROOT, file)));
  return path.join(ROOT, '.local/bundle', hash.digest('hex').slice(0, 16), 'index.cjs');
}

/**
 * Builds `src/index.ts` as `forge deploy` does: @forge/bundler's Node bundler (webpack, ts-loader
 * with tsconfig.json, target node18, `index.cjs`), offline. Forge's runtime wrapper, fetched from
 * Atlassian's CDN on deploy, is left out: the local runtime stands in for it. Reuses the last
 * build of the same sources.
 */
export async function ensureBundle(log: (line: string) => void = () => undefined): Promise<string> {
  const file = bundleFile();
  if (fs.existsSync(file)) return file;
  const { getNodeBundler } = await import('@forge/bundler');
  const logger = { info: log, warn: log, debug: () => undefined, error: log, trace: () => undefined };
  const noWrapper = async () => ({ script: '', source: 'local', version: 'local' });
  const bundler = getNodeBundler(
    logger as never,
    { getNodeRuntimeWrapper: noWrapper, getNodeRuntimeLoader: noWrapper } as never,
    { readConfig: async () => ({ app: {} }) } as never,
  );
  log('Building the Forge bundle of src/index.ts (@forge/bundler)...');
  const output = await bundler.bundle({
    appDirectory: ROOT,
    entryPoints: [{ name: 'index', path: path.join(ROOT, 'src/index') }],
  });
  // Moved into place whole, so a concurrent build (another jest run) never reads half a file.
  const staging = `${path.dirname(file)}.${process.pid}`;
  fs.mkdirSync(staging, { recursive: true });
  for (const name of ['index.cjs', 'index.cjs.map'])
    fs.copyFileSync(path.join(output.outputDir, name), path.join(staging, name));
  fs.rmSync(output.outputDir, { recursive: true, force: true });
  try {
    fs.renameSync(staging, path.dirname(file));
  } catch {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return file;
}
