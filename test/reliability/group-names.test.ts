import { runScenario } from '../../dev/scenario/run-scenario';
import { demoScenario } from '../helpers';

const TWIN = '10000000-0000-4000-8000-0000000000aa';
const BLANK = '10000000-0000-4000-8000-0000000000bb';

/** Issue 17 item 4: derived Jira group names follow one rule, and the preview says what it refused. */
describe('derived Jira group names end to end', () => {
  it('refuses a blank name and two Entra groups differing only in case, says why in the preview, and writes nothing for them', async () => {
    const scenario = demoScenario();
    scenario.entra.groups.push(
      { id: TWIN, displayName: 'ENGINEERING', members: ['00000000-0000-4000-8000-000000000001'] },
      { id: BLANK, displayName: '\u0007 ', members: ['00000000-0000-4000-8000-000000000002'] },
    );
    scenario.settings.groups = { ...scenario.settings.groups, namePrefix: '' };
    scenario.settings.scope = {
      ...scenario.settings.scope,
      groupIds: [...(scenario.settings.scope?.groupIds ?? []), TWIN, BLANK],
    };
    const preview = await runScenario(scenario, { preview: true });
    expect(preview.report.status).toBe('previewed');
    expect(preview.run?.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'The Jira group name "Engineering" derived from Entra group "Engineering" is also the Jira group of "ENGINEERING"',
        ),
        expect.stringContaining(
          'The Jira group name "ENGINEERING" derived from Entra group "ENGINEERING" is also the Jira group of "Engineering"',
        ),
        expect.stringContaining('is blank after removing control characters and spaces'),
      ]),
    );
    expect(preview.report.changes.filter((c) => c.op === 'createGroup')).toEqual([]);

    const applied = (await runScenario(scenario)).report;
    expect(
      Object.keys(applied.jiraAfter.groups).filter(
        (name) => name.toLowerCase() === 'engineering' || name.trim() === '',
      ),
    ).toEqual([]);
    expect(applied.changes.some((c) => c.group.toLowerCase() === 'engineering' || c.group === '')).toBe(false);
  });
});
