import type { Page } from 'playwright-core';
import { browserSuite, expectVisible, newPage, openPage, tab } from './browser-harness';
import { DEMO_ADMIN, DEMO_MEMBER, JIRA_ADMIN } from '../helpers';

/**
 * axe-core over every tab and state of the page, in the light and the dark theme: zero
 * violations of any impact. A failure lists each rule, its impact and the elements it found.
 */

jest.setTimeout(240_000);

const AXE = require.resolve('axe-core/axe.min.js');
const THEMES = ['light', 'dark'] as const;
const visible = expectVisible;

const suite = browserSuite();
const host = suite.host;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe on the page as it is now; returns "state: rule (impact) at selector" lines. */
async function axe(page: Page, state: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  // Let transitions (modals, menus) settle so axe reads final colours.
  await page.waitForTimeout(300);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Violation[] }> } }
    ).axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${state}: ${v.id} (${v.impact}) ${v.help} at ${n.target.join(' ')}`),
  );
}

test('every tab and state of a connected tenant, light and dark', async () => {
  const demo = await host('demo');
  const found: string[] = [];
  for (const theme of THEMES) {
    const { context, page } = await newPage(suite.browser(), theme);
    await openPage(page, demo.url);
    await visible(page.getByRole('heading', { name: 'Microsoft Entra connection' }));
    found.push(...(await axe(page, `${theme} connection`)));
    if (theme === 'light') {
      await page.getByRole('button', { name: 'Save and test' }).click();
      await visible(page.getByText('Connection works'));
      found.push(...(await axe(page, `${theme} connection tested`)));
    }
    await tab(page, 'Scope & mapping').click();
    await visible(page.getByRole('table', { name: 'Group mapping' }).getByText('Mapped explicitly'));
    await page.getByRole('combobox', { name: /Chosen Entra groups/ }).fill('E');
    await visible(page.getByRole('option').first());
    found.push(...(await axe(page, `${theme} scope with the group list open`)));
    await page.getByRole('combobox', { name: /Chosen Entra groups/ }).press('Escape');
    await tab(page, 'Schedule & safety').click();
    await visible(page.getByText('Next three runs'));
    found.push(...(await axe(page, `${theme} schedule`)));
    await tab(page, 'Preview & sync').click();
    if (theme === 'light') {
      await visible(page.getByText('There is no preview yet', { exact: false }));
      found.push(...(await axe(page, `${theme} sync before a preview`)));
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await visible(page.getByText('Previewed', { exact: true }));
      found.push(...(await axe(page, `${theme} preview`)));
      await page.getByRole('button', { name: 'Sync now', exact: true }).click();
      await visible(page.getByRole('dialog'));
      found.push(...(await axe(page, `${theme} sync confirmation`)));
      await page.getByRole('dialog').getByRole('button', { name: 'Sync and remove' }).click();
      await visible(page.getByText('Succeeded', { exact: true }), 30_000);
    }
    await visible(page.getByText('Succeeded', { exact: true }), 30_000);
    found.push(...(await axe(page, `${theme} sync succeeded`)));
    await tab(page, 'History').click();
    await visible(page.getByRole('table', { name: 'Runs' }));
    await page
      .getByRole('button', { name: /open this sync/ })
      .first()
      .click();
    await visible(page.getByRole('region', { name: 'Run detail' }));
    found.push(...(await axe(page, `${theme} history with a run open`)));
    await tab(page, 'Explain a user').click();
    await page.getByLabel('Name or email').fill('dan');
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Dan Diaz' }));
    found.push(...(await axe(page, `${theme} explain`)));
    await tab(page, 'Import/export').click();
    await page.getByLabel('Or paste the JSON').fill('{"tenantId": "x"}');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await visible(page.getByRole('dialog'));
    found.push(...(await axe(page, `${theme} import diff`)));
    await context.close();
  }
  expect(found).toEqual([]);
});

test('the approval banner, the read-only view and the refusal, light and dark', async () => {
  const held = await host('removal-threshold');
  const roles = await host('fault-roles');
  const demo = await host('demo');
  expect((await held.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN })).ok).toBe(true);
  const found: string[] = [];
  for (const theme of THEMES) {
    const { context, page } = await newPage(suite.browser(), theme);
    await openPage(page, held.url);
    await visible(page.getByText('A sync is waiting for your approval'), 30_000);
    await visible(page.getByRole('table', { name: /Staged removals/ }));
    found.push(...(await axe(page, `${theme} approval banner`)));
    await tab(page, 'Preview & sync').click();
    await visible(page.getByText('Held for approval', { exact: true }));
    found.push(...(await axe(page, `${theme} held run`)));

    await openPage(page, `${roles.url}/?as=${JIRA_ADMIN}`);
    await visible(page.getByText('View only'));
    found.push(...(await axe(page, `${theme} read-only connection`)));
    await tab(page, 'Scope & mapping').click();
    await visible(page.getByRole('table', { name: 'Group mapping' }));
    found.push(...(await axe(page, `${theme} read-only scope`)));

    await openPage(page, `${demo.url}/?as=${DEMO_MEMBER}`);
    await visible(page.getByRole('heading', { name: 'You can’t use Entra Sync' }));
    found.push(...(await axe(page, `${theme} refusal`)));
    await context.close();
  }
  expect(found).toEqual([]);
});
