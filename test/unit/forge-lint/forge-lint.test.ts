import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getClientSideLintersOnly, lint } from '@forge/lint';
import { load } from 'js-yaml';

/**
 * `forge lint`'s client-side checks (what `forge deploy` runs before uploading), offline: the
 * linter reads the Jira OpenAPI subset instead of downloading Atlassian's documents, and only the
 * TypeScript files tsconfig.json includes (its `include` must be globs for that).
 */
const ROOT = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

async function lintFiles(files: string[]) {
  const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-')), 'empty.json');
  fs.writeFileSync(empty, '{"paths":{}}');
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(ROOT, 'test/contract/openapi/jira-platform-subset.json'),
    ...Object.fromEntries(
      ['LOCAL_JSM_SWAGGER', 'LOCAL_JSW_SWAGGER', 'LOCAL_CONF_SWAGGER', 'LOCAL_CONF_V2_SWAGGER', 'LOCAL_BB_SWAGGER'].map(
        (name) => [name, empty],
      ),
    ),
  });
  const manifest = load(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'));
  const logger = {
    info: () => undefined,
    debug: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    trace: () => undefined,
  };
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const statsig = { getDeprecatedRuntimes: async () => [] };
    // The *ManifestLinter ones run @forge/manifest's processor (about ten seconds each here);
    // manifest.test.ts runs that processor once, with full validation.
    const linters = (
      await getClientSideLintersOnly(manifest as never, 'development', logger as never, statsig as never)
    ).filter((linter) => !linter.constructor.name.endsWith('ManifestLinter'));
    const results = await lint(
      files,
      manifest as never,
      'development',
      logger as never,
      statsig as never,
      { linters } as never,
    );
    return {
      errors: results.flatMap((r) => r.errors.map((e) => `${r.file}: ${e.message}`)),
      warnings: results.flatMap((r) => r.warnings.map((w) => `${r.file}: ${w.message}`)),
    };
  } finally {
    process.chdir(cwd);
  }
}

// Parsing every source file with the linter's TypeScript parser takes half a minute on a busy machine.
jest.setTimeout(120_000);

describe('forge lint (client-side, offline)', () => {
  it('finds no error in src/ and the manifest', async () => {
    const { errors } = await lintFiles(sourceFiles('src'));
    expect(errors).toEqual([]);
  });

  it('lints the TypeScript tsconfig.json includes: an undeclared egress host is an error', async () => {
    const { errors } = await lintFiles(['test/unit/forge-lint/undeclared-egress.fixture.ts']);
    expect(errors.join('\n')).toMatch(/exfiltrate\.example\.com/);
  });
});
