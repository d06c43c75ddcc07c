import fc from 'fast-check';
import type { Envelope, ResolverName } from '../../src/shared/resolver-contract';
import { MAX_SETTINGS_PAYLOAD } from '../../src/settings/schema';
import type { Rig } from '../helpers';
import { asDemoAdmin, drive, quietDemo, startRig, startSync, validPayloads } from '../helpers';

/**
 * Hostile and malformed input, generated with fast-check, fed to every resolver as the site admin
 * (so only validation stands in the way): wrong types, missing fields, unknown keys, oversized
 * values, invalid GUIDs and cron, OData and JSON injection, huge imports. Each must be refused
 * with a known code and a message, store nothing, and never throw.
 */

const RESOLVERS: ResolverName[] = [
  'getSettings',
  'saveSettings',
  'testConnection',
  'preview',
  'syncNow',
  'getRun',
  'listRuns',
  'cancelRun',
  'approveRun',
  'discardRun',
  'getStatus',
  'explainUser',
  'previewSchedule',
  'exportSettings',
  'importSettings',
  'searchEntraGroups',
  'searchJiraGroups',
  'getRunLog',
  'getRunChanges',
  'getCaller',
  'getEntraGroups',
  'getGroupTargets',
];
const NO_PAYLOAD: ResolverName[] = [
  'getSettings',
  'testConnection',
  'preview',
  'syncNow',
  'listRuns',
  'getStatus',
  'exportSettings',
];
const RUN_ID = /^[A-Za-z0-9-]{1,64}$/;
const RUNS = 30;

/** Counts of generated inputs per property, for RELIABILITY.md. */
export const GENERATED: Record<string, number> = {};

let rig: Rig;
let runId: string;
const demoSettings = () =>
  JSON.parse(JSON.stringify({ ...quietDemo().settings, clientSecret: undefined })) as Record<string, unknown>;

beforeAll(async () => {
  rig = await startRig(quietDemo());
  runId = await startSync(rig);
  await drive(rig, runId);
});
afterAll(() => rig.close());

async function call(name: string, payload: unknown): Promise<Envelope<unknown>> {
  const answer = await rig.app.resolve(name, payload, asDemoAdmin);
  expect(answer).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  return answer;
}

/** Refused with a known code and a bounded message, and nothing stored (values, secrets, queue, Jira). */
async function expectRefused(name: string, payload: unknown, codes: string[]): Promise<void> {
  const before = rig.kv.snapshot();
  const writes = rig.jira.writeCount();
  const pending = rig.queue.pending.length;
  const answer = await call(name, payload);
  if (answer.ok) throw new Error(`${name} accepted ${JSON.stringify(payload)?.slice(0, 200)}`);
  expect(codes).toContain(answer.error.code);
  expect(answer.error.message.length).toBeGreaterThan(10);
  expect(answer.error.message.length).toBeLessThan(4_000);
  expect(rig.kv.snapshot()).toBe(before);
  expect(rig.jira.writeCount()).toBe(writes);
  expect(rig.queue.pending.length).toBe(pending);
}

async function property<T>(
  label: string,
  arb: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
  numRuns = RUNS,
): Promise<void> {
  GENERATED[label] = numRuns;
  await fc.assert(fc.asyncProperty(arb, check), { numRuns, seed: 11, endOnFailure: true });
}

// Falsy payloads (false, 0, '') never reach the app: @forge/resolver replaces them with {}.
const notAnObject = fc
  .oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 4 }))
  .filter((value) => Boolean(value));
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
);
const controlChar = fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c));
const badSearch = fc.oneof(
  wrongType,
  fc.string({ minLength: 121, maxLength: 400 }),
  fc.tuple(fc.string({ maxLength: 20 }), controlChar, fc.string({ maxLength: 20 })).map(([a, c, b]) => a + c + b),
);
const badRunId = fc.oneof(
  wrongType,
  fc.string({ maxLength: 80 }).filter((s) => !RUN_ID.test(s)),
  fc.stringMatching(/^[a-z0-9]{65,90}$/),
);
const badGuid = fc.oneof(
  fc.string({ maxLength: 40 }).filter((s) => !/^[0-9a-fA-F-]+$/.test(s)),
  fc.stringMatching(/^[0-9a-f]{65,80}$/),
  fc.constantFrom(
    'not-a-guid',
    '{00000000-0000-0000-0000-000000000000}',
    "1' or '1'='1",
    'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  ),
);
const INJECTIONS = [
  "' or 1 eq 1 or displayName eq '",
  "') or startswith(displayName,'",
  "Eng'&$filter=true",
  '$filter=*',
  '%27%20or%201%20eq%201',
  '"}],"value":[{"id":"x"}]}',
  '{"__proto__":{"admin":true}}',
  '\\u0000',
  "'; DROP TABLE groups; --",
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '*)(|(objectClass=*))',
  "'''''''''",
  'Eng*',
  '%00',
  '${jndi:ldap://x}',
];
const unknownKeys = fc.dictionary(
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter(
      (k) =>
        ![
          'runId',
          'query',
          'entraId',
          'interval',
          'cron',
          'settings',
          'outcome',
          'text',
          'offset',
          'limit',
          'ids',
          'op',
          'result',
        ].includes(k),
    ),
  fc.jsonValue(),
  { minKeys: 1, maxKeys: 3 },
);

function validBase(name: ResolverName): Record<string, unknown> {
  return {
    ...validPayloads(runId, demoSettings() as Record<string, unknown>)[name],
    ...(name === 'previewSchedule' ? { cron: undefined, interval: '1h' } : {}),
  };
}

describe('every resolver, fed hostile payloads', () => {
  it.each(RESOLVERS)('%s: payloads that are not objects are refused as invalid-payload', async (name) => {
    await property(
      `${name}: not an object`,
      notAnObject,
      (payload) => expectRefused(name, payload, ['invalid-payload']),
      15,
    );
  });

  it.each(RESOLVERS)('%s: unknown keys (including __proto__ and constructor) are refused', async (name) => {
    await property(
      `${name}: unknown keys`,
      unknownKeys,
      (extra) => expectRefused(name, { ...validBase(name), ...extra }, ['invalid-payload']),
      15,
    );
    for (const raw of ['{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"toString":1}']) {
      await expectRefused(name, { ...validBase(name), ...(JSON.parse(raw) as object) }, ['invalid-payload']);
    }
  });

  it('arbitrary JSON values never escape as an exception or an internal error, on any resolver', async () => {
    await property(
      'any resolver: arbitrary JSON',
      fc.tuple(fc.constantFrom(...RESOLVERS), fc.jsonValue({ maxDepth: 4 })),
      async ([name, payload]) => {
        const readOnly = NO_PAYLOAD.includes(name)
          ? false
          : !['saveSettings', 'importSettings', 'cancelRun', 'approveRun', 'discardRun'].includes(name);
        const before = rig.kv.snapshot();
        const answer = await call(name, payload);
        if (!answer.ok) {
          expect(answer.error.code).not.toBe('internal-error');
          if (!readOnly) expect(rig.kv.snapshot()).toBe(before);
        }
      },
      150,
    );
  });

  it('unknown and hostile resolver names never reach a resolver, and change nothing', async () => {
    // On Forge, @forge/resolver decides: a name it has no definition for rejects the invocation,
    // and Object.prototype names fail or echo the call (never the app's data).
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '',
      'x'.repeat(10_000),
      'getSettings ',
      'GETSETTINGS',
    ]) {
      const before = rig.kv.snapshot();
      const writes = rig.jira.writeCount();
      const answer = await rig.app
        .resolve(name, {}, asDemoAdmin)
        .catch((error: unknown) => ({ rejected: String(error) }));
      expect((answer as { ok?: unknown } | null)?.ok).not.toBe(true);
      expect(JSON.stringify(answer)).not.toContain(String(quietDemo().settings.clientSecret));
      expect(rig.kv.snapshot()).toBe(before);
      expect(rig.jira.writeCount()).toBe(writes);
    }
  });
});

describe('field by field', () => {
  it.each(['getRun', 'cancelRun', 'approveRun', 'discardRun', 'getRunLog', 'getRunChanges'] as ResolverName[])(
    '%s: invalid run IDs (wrong type, bad characters, oversized) are refused',
    async (name) => {
      await property(`${name}: bad runId`, badRunId, (bad) => expectRefused(name, { runId: bad }, ['invalid-payload']));
    },
  );

  it.each(['cancelRun', 'approveRun', 'discardRun', 'getRunLog', 'getRunChanges'] as ResolverName[])(
    '%s: a missing run ID is refused, a well-formed unknown one is run-not-found',
    async (name) => {
      await expectRefused(name, {}, ['invalid-payload']);
      await property(
        `${name}: unknown runId`,
        fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/).filter((id) => id !== runId),
        (id) => expectRefused(name, { runId: id }, ['run-not-found']),
        20,
      );
    },
  );

  it.each(['searchEntraGroups', 'searchJiraGroups', 'explainUser'] as ResolverName[])(
    '%s: wrong-type, oversized and control-character queries are refused; a missing query too',
    async (name) => {
      await expectRefused(name, {}, ['invalid-payload']);
      await property(`${name}: bad query`, badSearch, (query) => expectRefused(name, { query }, ['invalid-payload']));
    },
  );

  it('explainUser: invalid Entra object IDs are refused', async () => {
    await property('explainUser: bad entraId', badGuid, (entraId) =>
      expectRefused('explainUser', { query: 'a', entraId }, ['invalid-payload']),
    );
  });

  it('getRunLog: bad offsets, limits and outcomes are refused', async () => {
    const bad = fc.oneof(
      fc.record({
        offset: fc.oneof(
          fc.integer({ max: -1 }),
          fc.double({ noInteger: true, noNaN: true }),
          fc.integer({ min: 10_000_001 }),
          fc.string(),
        ),
      }),
      fc.record({
        limit: fc.oneof(
          fc.integer({ max: 0 }),
          fc.integer({ min: 1001 }),
          fc.double({ noInteger: true, noNaN: true }),
          fc.constant(null),
        ),
      }),
      fc.record({ outcome: fc.oneof(fc.string({ minLength: 33, maxLength: 100 }), fc.integer()) }),
      fc.record({ text: badSearch }),
    );
    await property('getRunLog: bad paging', bad, (extra) =>
      expectRefused('getRunLog', { runId, ...extra }, ['invalid-payload']),
    );
  });

  it('previewSchedule: invalid intervals are refused; invalid cron expressions are answered as invalid with invalid-cron', async () => {
    await property(
      'previewSchedule: bad interval',
      fc.oneof(
        wrongType,
        fc.string().filter((s) => !['5m', '15m', '1h', '4h', '24h'].includes(s)),
      ),
      (interval) => expectRefused('previewSchedule', { interval }, ['invalid-payload']),
    );
    await property('previewSchedule: oversized cron', fc.string({ minLength: 121, maxLength: 300 }), (cron) =>
      expectRefused('previewSchedule', { cron }, ['invalid-payload']),
    );
    const badCron = fc.oneof(
      fc.string({ maxLength: 60 }).filter((s) => s.trim() !== '' && s.trim().split(/\s+/).length !== 5),
      fc.constantFrom(
        '* * * * *',
        '*/2 * * * *',
        '61 * * * *',
        '0 25 * * *',
        '0 0 32 * *',
        '0 0 * 13 *',
        '0 0 * * 8',
        'a b c d e',
        '0 0 0 0 0',
        '@reboot',
        '* * * * * *',
        '-1 * * * *',
        '0 0 30 2 *',
      ),
    );
    await property('previewSchedule: invalid cron', badCron, async (cron) => {
      const answer = await call('previewSchedule', { cron });
      const refused = answer.ok
        ? (answer.data as { valid: boolean; error: { code: string } | null })
        : { valid: false, error: answer.error };
      expect(refused.valid).toBe(false);
      expect(refused.error?.code).toBe('invalid-cron');
    });
  });
});

describe('settings: saveSettings and importSettings', () => {
  const broken = fc.oneof(
    badGuid.map((v) => ['tenantId', v] as const),
    badGuid.map((v) => ['clientId', v] as const),
    fc.array(badGuid, { minLength: 1, maxLength: 3 }).map((v) => ['scope.groupIds', v] as const),
    fc
      .constantFrom('* * * * *', '61 * * * *', 'every day', '0 0 * * 9', '*/1 * * * *')
      .map((v) => ['schedule.cron', v] as const),
    wrongType.filter((v) => typeof v !== 'string').map((v) => ['identifier', v] as const),
    fc.string({ minLength: 65, maxLength: 200 }).map((v) => ['groups.namePrefix', v] as const),
    fc.integer({ min: -1000, max: -1 }).map((v) => ['removals.maxPerRun', v] as const),
    fc.double({ min: 100.5, max: 1e6, noNaN: true }).map((v) => ['removals.maxPercent', v] as const),
    unknownKeys.map((v) => ['scope', { ...(demoSettings().scope as object), ...v }] as const),
    fc.constantFrom('gov', 'GLOBAL', '', 'global ').map((v) => ['cloud', v] as const),
  );
  const withField = ([path, value]: readonly [string, unknown]) => {
    const settings = demoSettings();
    const keys = path.split('.');
    let target = settings as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys[keys.length - 1] as string] = value;
    if (path === 'schedule.cron') target.enabled = true;
    return settings;
  };

  it.each(['saveSettings', 'importSettings'] as ResolverName[])(
    '%s: invalid fields (GUIDs, cron, types, ranges, unknown keys) are refused with invalid-settings',
    async (name) => {
      await property(`${name}: invalid field`, broken, (field) =>
        expectRefused(name, { settings: withField(field) }, ['invalid-settings', 'invalid-cron']),
      );
    },
  );

  it.each(['saveSettings', 'importSettings'] as ResolverName[])(
    '%s: huge payloads (over the largest settings) and non-object settings are refused',
    async (name) => {
      await property(
        `${name}: huge`,
        fc
          .integer({ min: Math.ceil(MAX_SETTINGS_PAYLOAD / 1024) + 1, max: 600 })
          .map((kb) => ({ ...demoSettings(), filler: 'x'.repeat(kb * 1024) })),
        (settings) => expectRefused(name, { settings }, ['invalid-payload']),
        10,
      );
      const manyGroups = {
        ...demoSettings(),
        scope: {
          ...(demoSettings().scope as object),
          groupIds: Array.from({ length: 5_000 }, (_, i) => `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
        },
      };
      await expectRefused(name, { settings: manyGroups }, ['invalid-payload', 'invalid-settings']);
      let deep: unknown = 'x';
      for (let i = 0; i < 5_000; i++) deep = [deep];
      await expectRefused(name, { settings: { ...demoSettings(), deep } }, ['invalid-payload', 'invalid-settings']);
      await property(
        `${name}: settings not an object`,
        fc.oneof(fc.string(), fc.integer(), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.constant(null)),
        (settings) => expectRefused(name, { settings }, ['invalid-payload']),
        20,
      );
    },
  );

  it('importSettings: imports carrying secrets are refused and nothing is stored', async () => {
    await expectRefused(
      'importSettings',
      { settings: { ...demoSettings(), clientSecret: 'imported~secret-value-123456' } },
      ['invalid-settings'],
    );
    await expectRefused(
      'importSettings',
      {
        settings: {
          ...demoSettings(),
          writeAs: { mode: 'apiToken', email: 'admin@contoso.com', apiToken: 'ATATTimported' },
        },
      },
      ['invalid-settings'],
    );
  });
});

describe('injection strings in search fields are data, never query syntax', () => {
  const query = fc.oneof(
    fc.constantFrom(...INJECTIONS),
    fc.string({ maxLength: 120 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s)),
  );

  it('searchEntraGroups finds only groups whose name starts with the text', async () => {
    const names = quietDemo().entra.groups.map((g) => g.displayName);
    await property('searchEntraGroups: injection', query, async (text) => {
      const answer = await call('searchEntraGroups', { query: text });
      if (!answer.ok) return void expect(answer.error.code).not.toBe('internal-error');
      const found = (answer.data as Array<{ name: string }>).map((g) => g.name);
      const trimmed = text.trim().toLowerCase();
      expect(found.every((n) => n.toLowerCase().startsWith(trimmed))).toBe(true);
      if (trimmed === '') expect(found.length).toBeLessThanOrEqual(names.length);
    });
  });

  it.each(['searchJiraGroups', 'explainUser'] as ResolverName[])(
    '%s answers injection text with data or a known error',
    async (name) => {
      await property(`${name}: injection`, query, async (text) => {
        const answer = await call(name, { query: text });
        if (!answer.ok) expect(answer.error.code).not.toBe('internal-error');
        if (answer.ok && name === 'explainUser' && INJECTIONS.includes(text))
          expect((answer.data as { user: unknown }).user).toBeNull();
      });
    },
  );
});

describe('valid payloads still succeed', () => {
  it.each([
    ['getSettings', {}],
    ['getRun', undefined],
    ['listRuns', {}],
    ['getStatus', {}],
    ['explainUser', { query: 'alice' }],
    ['previewSchedule', { cron: '0 */4 * * *' }],
    ['previewSchedule', { interval: '15m' }],
    ['exportSettings', {}],
    ['searchEntraGroups', { query: 'Eng' }],
    ['getRunLog', { limit: 5, offset: 0, outcome: 'added' }],
    ['saveSettings', { settings: 'demo' }],
    ['importSettings', { settings: 'demo' }],
  ] as Array<[ResolverName, unknown]>)('%s %j', async (name, payload) => {
    const filled =
      payload === undefined
        ? { runId }
        : (payload as Record<string, unknown>).settings === 'demo'
          ? { settings: demoSettings() }
          : name === 'getRunLog'
            ? { runId, ...(payload as object) }
            : payload;
    const answer = await call(name, filled);
    expect(answer.ok ? 'ok' : answer.error.code).toBe('ok');
  });
});
