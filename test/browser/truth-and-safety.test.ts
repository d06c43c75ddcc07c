import type { Page } from 'playwright-core';
import type { RunDetail } from '../../src/shared/resolver-contract';
import {
  browserSuite,
  holdRunFromPage,
  expectVisible,
  newPage,
  openPage,
  resolverCalls,
  stubResolvers,
  tab,
  waitFor,
} from './browser-harness';
import { DEMO_ADMIN } from '../helpers';

/**
 * Every word the page says about a run matches the run's state, and nothing is written without
 * saying what and asking: planned vs applied, live writes with rate and estimate, failures that
 * say whether anything changed, decided and superseded runs with names, the app's own groups,
 * the schedule, and the confirmations before Sync now, a new secret and an import.
 */

jest.setTimeout(120_000);

const visible = expectVisible;
const liveRegion = (page: Page) => page.locator('main > p[role="status"]');

const suite = browserSuite();
const host = suite.host;

/** A 20,000-user apply run in its writing phase, as getRun answers mid-run. */
function applyingRun(done: number, extra: Partial<RunDetail> = {}): RunDetail {
  return {
    id: 'run-long-apply',
    trigger: 'manual',
    mode: 'apply',
    kind: 'full',
    status: 'running',
    phase: 'apply-parts',
    progress: { done: 0, total: 41 },
    startedAt: Date.now() - 60_000,
    finishedAt: null,
    counts: { creates: 0, adds: 35_339, removals: 0, failed: 0, usersInScope: 20_000, notInJira: 0 },
    calls: { graph: 120, jira: 400 + done, jiraWrites: done, throttled: 0 },
    error: null,
    warnings: [],
    phaseTimings: {},
    changes: [],
    users: [],
    totalChanges: 35_339,
    totalUsers: 20_000,
    writes: { planned: 35_339, done, failed: 0, applied: { creates: 0, adds: done, removals: 0 } },
    ...extra,
  };
}

const emptyPages = { getRunChanges: [{ total: 0, changes: [] }], getRunLog: [{ total: 0, users: [], changes: [] }] };

test('a long sync shows writes done of planned with a rate and an estimate, in plain words', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  await stubResolvers(page, {
    getRun: [880, 1_880, 2_880, 3_880, 4_880, 5_880].map((d) => applyingRun(d)),
    ...emptyPages,
  });
  await openPage(page, demo.url);
  await page.getByRole('tab', { name: /^Preview & sync/ }).click();
  await visible(page.getByText(/880 of 35,339 changes written/));
  await visible(page.getByText(/of 35,339 changes written \(\d+%\) · [\d,.]+ per second · about .+ left/));
  const added = page
    .getByRole('list', { name: 'Run counts' })
    .getByRole('listitem')
    .filter({ hasText: 'Members added so far' });
  await visible(added.getByText(/^[\d,]+ of 35,339$/));
  expect(await page.getByText(/apply parts/i).count()).toBe(0);
  expect(await page.getByText('35,339', { exact: true }).count()).toBe(0);
  await context.close();
});

test('a run recording its end is still in progress: it says so, with what Jira took so far, never succeeded yet', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  await stubResolvers(page, {
    getRun: [applyingRun(35_339, { phase: 'finish', progress: { done: 0, total: 0 } })],
    ...emptyPages,
  });
  await openPage(page, demo.url);
  await page.getByRole('tab', { name: /^Preview & sync/ }).click();
  await visible(page.getByText('Recording the result', { exact: false }));
  const added = page
    .getByRole('list', { name: 'Run counts' })
    .getByRole('listitem')
    .filter({ hasText: 'Members added so far' });
  await visible(added.getByText('35,339 of 35,339'));
  expect(await page.getByText(/succeeded/i).count()).toBe(0);
  await context.close();
});

test('a failed run says what failed, whether anything changed and what happens next', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  const failed = applyingRun(3, {
    trigger: 'scheduled',
    status: 'failed',
    phase: 'done',
    finishedAt: Date.now(),
    error: { code: 'jira-unavailable', message: 'Jira answered 503 five times.' },
    writes: { planned: 35_339, done: 3, failed: 0, applied: { creates: 0, adds: 3, removals: 0 } },
  });
  await stubResolvers(page, { getRun: [failed], ...emptyPages });
  await openPage(page, demo.url);
  await tab(page, 'Preview & sync').click();
  const banner = page.getByRole('alert').filter({ hasText: 'The run failed' });
  await visible(banner.getByText('Jira answered 503 five times.'));
  await visible(banner.getByText('3 changes were applied before it stopped, and they are kept', { exact: false }));
  await visible(banner.getByText('The next scheduled run tries again', { exact: false }));
  await visible(page.getByRole('listitem').filter({ hasText: 'Planned, not applied' }).getByText('35,336'));
  await context.close();
});

test('a run with failed changes and a status this page has not seen shows each failure and its reason', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  const partial = applyingRun(35_339, {
    status: 'completed-with-failures' as RunDetail['status'],
    phase: 'done',
    finishedAt: Date.now(),
    counts: { creates: 0, adds: 35_339, removals: 0, failed: 1, usersInScope: 20_000, notInJira: 0 },
    writes: { planned: 35_339, done: 35_339, failed: 1, applied: { creates: 0, adds: 35_338, removals: 0 } },
  });
  const failedChange = {
    op: 'addMember',
    group: 'entra-Engineering',
    email: 'dan@contoso.com',
    result: 'failed',
    error: { code: 'jira-error', message: 'Jira refused: the account is deactivated.' },
  };
  await stubResolvers(page, {
    getRun: [partial],
    getRunChanges: [{ total: 1, changes: [failedChange] }],
    getRunLog: emptyPages.getRunLog,
  });
  await openPage(page, demo.url);
  await tab(page, 'Preview & sync').click();
  await visible(page.getByText('Completed with failures', { exact: true }));
  await visible(page.getByRole('alert').filter({ hasText: '1 change failed' }));
  const row = page.getByRole('table', { name: /^Changes/ }).getByRole('row', { name: /dan@contoso\.com/ });
  await visible(row.getByText('Failed', { exact: true }));
  await visible(row.getByText('Jira refused: the account is deactivated.'));
  await visible(page.getByRole('listitem').filter({ hasText: 'Members added' }).getByText('35,338', { exact: true }));
  await context.close();
});

test('preview and sync: planned words until applied, focus kept, the end announced, removals confirmed', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  const calls = resolverCalls(page);
  await openPage(page, demo.url);
  await tab(page, 'Preview & sync').click();

  // No plan yet: Preview is the primary action.
  const preview = page.getByRole('button', { name: 'Preview', exact: true });
  const sync = page.getByRole('button', { name: 'Sync now', exact: true });
  const background = (l: typeof preview) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
  await visible(page.getByText('There is no preview yet', { exact: false }));
  const [previewBefore, syncBefore] = [await background(preview), await background(sync)];
  expect(previewBefore).not.toBe(syncBefore);

  await preview.click();
  await visible(page.getByText('Previewed', { exact: true }));
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('run-heading');
  await visible(liveRegion(page).getByText('Preview finished. 8 changes planned.'));
  const users = page.getByRole('table', { name: /Per-user log/ });
  await visible(users.getByRole('row', { name: /alice@contoso\.com/ }).getByText('To add', { exact: true }));
  expect(await users.getByText('Added', { exact: true }).count()).toBe(0);
  expect(
    await page
      .getByRole('table', { name: /^Changes/ })
      .getByText('Planned', { exact: true })
      .count(),
  ).toBe(8);
  // Now a plan exists: Sync now takes the primary look, and says what it will do.
  expect(await background(sync)).toBe(previewBefore);
  await visible(page.getByText(/planned 1 group or account to create, 6 members to add, 1 member to remove/));
  await visible(page.getByText('more than 10 memberships', { exact: false }));

  // It removes someone: a dialog asks, and Cancel starts nothing.
  await sync.click();
  const dialog = page.getByRole('dialog');
  await visible(dialog.getByRole('heading', { name: 'Sync and remove 1 membership?' }));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(calls).not.toContain('syncNow');
  await sync.click();
  await dialog.getByRole('button', { name: 'Sync and remove' }).click();
  await visible(page.getByText('Succeeded', { exact: true }), 30_000);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('run-heading');
  await visible(liveRegion(page).getByText('Sync succeeded. 8 changes applied, 0 failed.'));
  await visible(users.getByRole('row', { name: /alice@contoso\.com/ }).getByText('Added', { exact: true }));

  // The group the app just created is its own, not a conflict.
  await tab(page, 'Scope & mapping').click();
  const engineering = page.getByRole('table', { name: 'Group mapping' }).getByRole('row', { name: /Engineering/ });
  await visible(engineering.getByText('Managed by the app'));
  expect(await engineering.getByText('Conflict').count()).toBe(0);
  await context.close();
});

test('the schedule: the next run due is the first of the next runs listed', async () => {
  const demo = await host('demo');
  await demo.app.onScheduledTick();
  const { context, page } = await newPage(suite.browser());
  await openPage(page, demo.url);
  await tab(page, 'Schedule & safety').click();
  const due = page.getByText(/the next scheduled run is due (.+)\./);
  await visible(due);
  await visible(page.locator('.next-runs li').first());
  const dueText = ((await due.textContent()) ?? '').replace(/.*is due (.+)\.$/, '$1');
  expect(await page.locator('.next-runs li').first().textContent()).toBe(dueText);
  await context.close();
});

test('focus stays on Save after saving', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  await openPage(page, demo.url);
  await tab(page, 'Schedule & safety').click();
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await save.focus();
  await page.keyboard.press('Enter');
  await visible(page.getByText('Settings saved.'));
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save');
  await context.close();
});

test('Save and test tries a new secret before it replaces the saved one', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  await openPage(page, demo.url);
  await page.getByLabel('Client secret').fill('mistyped~Secret-0000000000000');
  await page.getByRole('button', { name: 'Save and test' }).click();
  await visible(page.getByText('Nothing was saved: the new client secret did not work', { exact: false }));
  const settings = await demo.app.resolve('getSettings', {}, { accountId: DEMO_ADMIN });
  expect(
    settings.ok && (settings.data as { secrets: { clientSecret: { hint: string } } }).secrets.clientSecret.hint,
  ).toBe('…cdef');
  await context.close();
});

test('a held run blocks new runs; approved and superseded runs say so, with names', async () => {
  const held = await host('removal-threshold');
  const { context, page } = await newPage(suite.browser());
  await openPage(page, held.url);
  await holdRunFromPage(page);
  await visible(page.getByText('A sync is waiting for approval: approve or discard it', { exact: false }));
  expect(await page.getByRole('button', { name: 'Sync now', exact: true }).isDisabled()).toBe(true);
  expect(await page.getByRole('button', { name: 'Preview', exact: true }).isDisabled()).toBe(true);

  // Another admin starts a sync elsewhere: the held run is superseded, and the page says by whom.
  const first = await held.app.resolve('getStatus', {}, { accountId: DEMO_ADMIN });
  const heldId = first.ok ? (first.data as { pendingApproval: { id: string } }).pendingApproval.id : '';
  expect((await held.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN })).ok).toBe(true);
  await waitFor(async () => {
    const status = await held.app.resolve('getStatus', {}, { accountId: DEMO_ADMIN });
    const pending = status.ok ? (status.data as { pendingApproval: { id: string } | null }).pendingApproval : null;
    return pending !== null && pending.id !== heldId;
  });
  // Opened afresh, as the other admin's change would be seen on the next visit.
  await openPage(page, held.url);
  await tab(page, 'History').click();
  await page
    .getByRole('button', { name: /open this sync/ })
    .last()
    .click();
  await visible(page.getByText(/Superseded on .+ by a later run \(.+\) started by Site Admin/));
  expect(heldId).not.toBe('');

  // Approve the new held run: it then reads as approved by name, not as waiting.
  await page.getByRole('button', { name: 'Approve and sync' }).click();
  await visible(page.getByRole('heading', { name: 'Approved sync' }));
  await tab(page, 'History').click();
  await page
    .getByRole('button', { name: /open this sync/ })
    .nth(1)
    .click();
  await visible(page.getByText(/Approved by Site Admin on/));
  expect(await page.getByText('Held for approval', { exact: true }).count()).toBe(0);
  await context.close();
});
