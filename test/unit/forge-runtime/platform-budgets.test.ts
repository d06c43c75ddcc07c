import { FORGE_BUDGETS, PlatformBudgets } from '../../../dev/forge-runtime/platform-budgets';

/** Forge's budgets in the local runtime: each refuses past its limit, in Forge's answer, and frees up with time. */
describe('Forge budgets of the local runtime', () => {
  let now = 1_800_000_000_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_800_000_000_000;
  });

  it('KVS: 4,000 ten-KB units a minute per installation, then 429 RATE_LIMIT_EXCEEDED until the next minute', async () => {
    const budgets = new PlatformBudgets(clock);
    // 100 KB values cost 10 units each: 400 of them spend the minute.
    for (let i = 0; i < 400; i++) {
      expect(budgets.kvsAdmit(`key-${i}`, 100 * 1024)).toBeNull();
      budgets.kvsCharge(`key-${i}`, 100 * 1024, true);
    }
    expect(budgets.totals().kvsUnits).toBe(FORGE_BUDGETS.kvsUnitsPerMinute);
    const refused = budgets.kvsAdmit('another', null);
    expect(refused?.status).toBe(429);
    expect(await refused?.json()).toEqual({ code: 'RATE_LIMIT_EXCEEDED', message: expect.any(String) });
    now += 60_000;
    expect(budgets.kvsAdmit('another', null)).toBeNull();
  });

  it('KVS: the most units in a minute is the enforced window, whatever else happened outside it, and restarts on request', () => {
    const budgets = new PlatformBudgets(clock);
    budgets.kvsCharge('a', 30 * 1024, false);
    now += 30_000;
    budgets.kvsCharge('b', 20 * 1024, false);
    expect(budgets.totals().kvsMostInMinute).toBe(5);
    // A new window: its units are not added to the last one's.
    now += 30_000;
    expect(budgets.kvsAdmit('c', null)).toBeNull();
    budgets.kvsCharge('c', 10, false);
    expect(budgets.totals()).toMatchObject({ kvsUnits: 6, kvsMostInMinute: 5 });
    // Restarted: the window's earlier unit is not the next run's.
    budgets.restartPeak();
    expect(budgets.totals().kvsMostInMinute).toBe(0);
    budgets.kvsCharge('d', 15 * 1024, false);
    expect(budgets.totals().kvsMostInMinute).toBe(2);
  });

  it('KVS: a small read costs one unit, a 25 KB one three', () => {
    const budgets = new PlatformBudgets(clock);
    budgets.kvsCharge('a', 10, false);
    budgets.kvsCharge('b', 25 * 1024, false);
    expect(budgets.totals()).toMatchObject({ kvsUnits: 4, kvsReads: 2, kvsWrites: 0 });
  });

  it('KVS: one key takes 1 MB of writes a second; other keys and the next second are free', () => {
    const budgets = new PlatformBudgets(clock);
    for (let i = 0; i < 5; i++) budgets.kvsCharge('hot', 240 * 1024, true);
    expect(budgets.kvsAdmit('hot', 1024)?.status).toBe(429);
    expect(budgets.kvsAdmit('cold', 1024)).toBeNull();
    now += 1000;
    expect(budgets.kvsAdmit('hot', 1024)).toBeNull();
  });

  it('async events: 500 a minute per installation; a push that would pass it is refused whole with 429', () => {
    const budgets = new PlatformBudgets(clock);
    for (let i = 0; i < 9; i++) expect(budgets.eventsAdmit(50)).toBeNull();
    expect(budgets.eventsAdmit(50)).toBeNull();
    const refused = budgets.eventsAdmit(1);
    expect(refused?.status).toBe(429);
    expect(budgets.totals().events).toBe(500);
    now += 60_000;
    expect(budgets.eventsAdmit(50)).toBeNull();
  });

  it('impersonation tokens: 1,000 a minute per app; an invocation reuses its token for the same account', async () => {
    const budgets = new PlatformBudgets(clock);
    for (let i = 0; i < 1000; i++) expect(budgets.impersonationAdmit(`inv-${i}`, 'admin')).toBeNull();
    expect(budgets.impersonationAdmit('inv-0', 'admin')).toBeNull();
    const refused = budgets.impersonationAdmit('inv-new', 'admin');
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('forge-proxy-error')).toBe('RATE_LIMIT_EXCEEDED');
    expect(budgets.totals().impersonationTokens).toBe(1000);
    budgets.endInvocation('inv-0');
    now += 60_000;
    expect(budgets.impersonationAdmit('inv-new', 'admin')).toBeNull();
  });

  it('egress: 100 requests per runtime-minute of an invocation, more as it runs longer', () => {
    const budgets = new PlatformBudgets(clock);
    const startedAt = now;
    expect(budgets.egressAdmit(99, startedAt)).toBeNull();
    expect(budgets.egressAdmit(100, startedAt)?.name).toBe('REQUEST_EGRESS_RATE_LIMIT_ERR');
    now += 61_000;
    expect(budgets.egressAdmit(100, startedAt)).toBeNull();
  });

  it('counting only: nothing is refused, and what enforcement would have refused is counted', () => {
    const budgets = new PlatformBudgets(clock, false, { eventsPerMinute: 1 });
    expect(budgets.eventsAdmit(1)).toBeNull();
    expect(budgets.eventsAdmit(1)).toBeNull();
    expect(budgets.totals()).toMatchObject({ events: 2, throttled: { events: 1 } });
  });
});
