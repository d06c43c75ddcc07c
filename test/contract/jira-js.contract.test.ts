import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Atlassian's community client jira.js (6.x, whose responses are checked against zod schemas from
 * Atlassian's OpenAPI document, set here to throw on a mismatch) against the Jira simulator over
 * HTTPS. jira.js is an ES module, so the calls run in their own Node process (drive-jira-js.mts).
 */
const root = path.resolve(__dirname, '../..');

let checks: Array<{ name: string; ok: boolean; error?: string }>;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(__dirname, 'jira-js/drive-jira-js.mts')],
    { cwd: root, timeout: 60_000 },
  );
  checks = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as typeof checks;
}, 90_000);

const expected = [
  'groups: find by name',
  'groups: member paging to the last page',
  'groups: create',
  'groups: add and remove a member',
  'groups: a name over 255 characters is refused with a 400',
  'users: users/search pages to an empty page',
  'users: user search by email',
  'users: email of a hidden-email account',
  'schema checks are on: a malformed answer is refused',
];

describe('jira.js (schema-checking) against the Jira simulator over HTTPS', () => {
  it('ran every check', () => {
    expect(checks.map((c) => c.name)).toEqual(expected);
  });

  it.each(expected)('%s', (name) => {
    const result = checks.find((c) => c.name === name);
    expect({ name, ok: result?.ok, error: result?.error }).toEqual({ name, ok: true, error: undefined });
  });
});
