import { MAX_CHOSEN_GROUPS } from '../../src/settings/schema';
import { DEMO_ADMIN, demoScenario, startRig } from '../helpers';

const admin = { accountId: DEMO_ADMIN };
const ids = (count: number) =>
  Array.from({ length: count }, (_, i) => `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

/** Issue 17 item 12: the chosen-groups limit is one constant, and the resolvers honour it exactly. */
describe('the limit of chosen Entra groups', () => {
  it('is 3,000', () => {
    expect(MAX_CHOSEN_GROUPS).toBe(3000);
  });

  it.each(['saveSettings', 'importSettings'])(
    '%s takes exactly 3,000 chosen groups and refuses 3,001 at the field',
    async (name) => {
      const scenario = demoScenario();
      const h = await startRig(scenario);
      try {
        const { clientSecret: _secret, ...withoutSecret } = scenario.settings;
        const settings = (groupIds: string[]) => ({
          ...withoutSecret,
          scope: { ...scenario.settings.scope, groupIds },
        });
        const accepted = await h.app.resolve(name, { settings: settings(ids(MAX_CHOSEN_GROUPS)) }, admin);
        expect(accepted.ok).toBe(true);
        const stored = await h.app.resolve('getSettings', {}, admin);
        expect(
          stored.ok && (stored.data as { settings: { scope: { groupIds: string[] } } }).settings.scope.groupIds.length,
        ).toBe(MAX_CHOSEN_GROUPS);
        const refused = await h.app.resolve(name, { settings: settings(ids(MAX_CHOSEN_GROUPS + 1)) }, admin);
        expect(refused.ok).toBe(false);
        expect(!refused.ok && refused.error.code).toBe('invalid-settings');
        expect(!refused.ok && refused.error.fields).toEqual([
          { path: 'scope.groupIds', message: 'at most 3,000 groups can be chosen' },
        ]);
      } finally {
        await h.close();
      }
    },
  );
});

describe('the drift-repair cycle setting', () => {
  it('defaults to auto, takes daily through saveSettings, and refuses anything else at the field', async () => {
    const scenario = demoScenario();
    const h = await startRig(scenario);
    try {
      const { clientSecret: _secret, ...withoutSecret } = scenario.settings;
      const stored = await h.app.resolve('getSettings', {}, admin);
      expect(stored.ok && (stored.data as { settings: { driftRepair: unknown } }).settings.driftRepair).toEqual({
        cycle: 'auto',
      });
      expect(
        (
          await h.app.resolve(
            'saveSettings',
            { settings: { ...withoutSecret, driftRepair: { cycle: 'daily' } } },
            admin,
          )
        ).ok,
      ).toBe(true);
      const refused = await h.app.resolve(
        'saveSettings',
        { settings: { ...withoutSecret, driftRepair: { cycle: 'hourly' } } },
        admin,
      );
      expect(!refused.ok && refused.error.fields).toEqual([
        { path: 'driftRepair.cycle', message: expect.stringMatching(/auto.*daily.*weekly/) },
      ]);
    } finally {
      await h.close();
    }
  });
});
