import { ensureBundle } from '../forge-runtime/bundle';

/** `npm run build:bundle`: the deployed bundle, for the local host, the scenario runner and the tests. */
ensureBundle((line) => console.log(line)).then(
  (file) => console.log(`Forge bundle: ${file}`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
