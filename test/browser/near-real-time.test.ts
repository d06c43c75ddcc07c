import type { Browser, Page } from 'playwright-core';
import type { LocalHost } from '../../dev/host/local-host';
import { startLocalHost } from '../../dev/host/local-host';
import { STORAGE_KEYS } from '../../src/engine';
import { launchBrowser, newPage, openPage, requireBuiltPage, screenshot } from './browser-harness';
import { scenarioFile } from '../helpers';

/** The Schedule tab's "Near-real-time updates" switch, the subscriptions' state, and History naming the runs notifications started. */

jest.setTimeout(120_000);

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const visible = (locator: ReturnType<Page['locator']>, timeout = 15_000) =>
  locator.waitFor({ state: 'visible', timeout });

let browser: Browser;
let host: LocalHost;

beforeAll(async () => {
  requireBuiltPage();
  browser = await launchBrowser();
  const demo = scenarioFile('demo', (s) => {
    s.entra.app = { ...s.entra.app, roles: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All'] };
  });
  // No tick fires by itself: the test calls it. Notifications settle for one second.
  host = await startLocalHost({ scenario: demo, port: 0, tickMs: 3_600_000, notificationDebounceSeconds: 1 });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

test('switching near-real-time updates on: subscriptions become active, and an Entra change starts a run History names', async () => {
  const { context, page } = await newPage(browser);
  await openPage(page, host.url);
  await tab(page, 'Schedule & safety').click();
  const section = page.getByRole('region', { name: 'Near-real-time updates' });
  await visible(section.getByText('Group.Read.All', { exact: false }));
  await page.getByRole('checkbox', { name: 'Near-real-time updates' }).check();
  await visible(section.getByText('Save to apply', { exact: false }));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await visible(
    section.getByRole('table', { name: 'Change-notification subscriptions' }).getByText('Not created yet').first(),
  );

  await host.app.onScheduledTick();
  await page.reload();
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-color-mode'));
  await tab(page, 'Schedule & safety').click();
  const table = page
    .getByRole('region', { name: 'Near-real-time updates' })
    .getByRole('table', { name: 'Change-notification subscriptions' });
  await visible(table.getByRole('row', { name: /Users/ }).getByText('Active'));
  await visible(table.getByRole('row', { name: /Groups/ }).getByText('Active'));

  // Nina joins Platform (Engineering ⊃ Backend ⊃ Platform) in Entra.
  host.graph!.addMember('10000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000013');
  const until = Date.now() + 30_000;
  while (!(await host.kv.get(STORAGE_KEYS.lastNotifiedRun)) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 200));
  await page.reload();
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-color-mode'));
  await tab(page, 'History').click();
  await visible(page.getByRole('table', { name: 'Runs' }).getByRole('cell', { name: 'Change notification' }), 30_000);
  await tab(page, 'Schedule & safety').click();
  await screenshot(page, 'near-real-time', true);
  await context.close();
});
