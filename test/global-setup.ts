import { ensureBundle } from '../dev/forge-runtime/bundle';

/** Builds src/index.ts as the Forge CLI does, once per jest run and only when the sources changed. */
export default async function globalSetup(): Promise<void> {
  await ensureBundle((line) => process.stdout.write(`${line}\n`));
}
