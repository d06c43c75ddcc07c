import {
  browserSuite,
  holdRunFromPage,
  downloadText,
  expectVisible,
  newPage,
  openPage,
  pick,
  resolverCalls,
  screenshot,
  tab,
  waitFor,
} from './browser-harness';
import { DEMO_ADMIN, DEMO_MEMBER, JIRA_ADMIN } from '../helpers';

/**
 * The admin page end to end in headless Chromium against the local host and its simulators:
 * connect (a missing permission, then fixed), preview, sync, history, explain, import/export,
 * settings the server refuses shown at their fields, a refused non-admin, a Jira admin who is not
 * a site admin seeing the page read-only, and approving a run held by the deletion circuit-breaker.
 */

jest.setTimeout(120_000);

const suite = browserSuite();
const host = suite.host;

test('connection: field validation, then a missing Graph permission reported with its fix', async () => {
  const missing = await host('demo', (s) => {
    s.entra.app = { ...s.entra.app, roles: ['User.Read.All'] };
  });
  const { context, page } = await newPage(suite.browser());
  await openPage(page, missing.url);
  await expectVisible(page.getByRole('heading', { name: 'Microsoft Entra connection' }));
  await expectVisible(page.getByText('Set, ends with …cdef', { exact: false }));

  await page.getByLabel('Tenant ID').fill('not a tenant');
  await page.getByLabel('Client ID').fill('12345');
  await page.getByRole('button', { name: 'Save and test' }).click();
  await expectVisible(page.getByText('Enter the tenant GUID', { exact: false }));
  await expectVisible(page.getByText('Enter the application (client) ID', { exact: false }));
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tenantId');
  await screenshot(page, 'connection-validation');

  await page.getByLabel('Tenant ID').fill('6f1e2d3c-0000-4000-8000-00000000c0de');
  await page.getByLabel('Client ID').fill('a1b2c3d4-0000-4000-8000-0000000a99ec');
  await page.getByLabel('Client secret').fill('demo~Secret.Value-0123456789abcdef');
  await page.getByRole('button', { name: 'Save and test' }).click();
  await expectVisible(page.getByText('The connection needs attention'));
  const row = page.getByRole('row', { name: /GroupMember\.Read\.All/ });
  await expectVisible(row.getByText('Missing', { exact: true }));
  await expectVisible(row.getByText('Grant admin consent', { exact: false }));
  // Application.Read.All is optional (the report's flag): missing, but not counted as required.
  await expectVisible(
    page.getByRole('row', { name: /Application\.Read\.All/ }).getByText('Optional, missing', { exact: true }),
  );
  await expectVisible(page.getByText('1 required Graph permission is missing', { exact: false }));
  // The test read the secret's expiry itself: it cannot, without that permission, and says why.
  const expiry = page
    .getByLabel('Connection test result')
    .locator('.report-item')
    .filter({ hasText: 'Client secret expiry' });
  await expectVisible(expiry.getByText('Unknown', { exact: true }));
  expect(await expiry.getByText('Not read yet', { exact: false }).count()).toBe(0);
  await expectVisible(page.getByText(`Site Admin (${DEMO_ADMIN}) is active and a site admin`, { exact: false }));
  await screenshot(page, 'connection-missing-permission', true);
  await context.close();
});

test('connected tenant: test, scope, schedule, preview, sync, history, explain, import/export', async () => {
  const demo = await host('demo', (s) => {
    s.entra.app = {
      ...s.entra.app,
      roles: ['User.Read.All', 'GroupMember.Read.All', 'Application.Read.All'],
      secretEndDateTime: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    };
  });
  const { context, page } = await newPage(suite.browser());
  const calls = resolverCalls(page);
  await openPage(page, demo.url);

  // Connection: the permission is granted now, and the test read the secret's expiry at once.
  await page.getByRole('button', { name: 'Save and test' }).click();
  await expectVisible(page.getByText('Connection works'));
  await expectVisible(page.getByRole('row', { name: /GroupMember\.Read\.All/ }).getByText('Granted', { exact: true }));
  await expectVisible(page.getByLabel('Connection test result').getByText(/(19|20) days left/));
  expect(await page.getByText('Not read yet', { exact: false }).count()).toBe(0);

  // Scope and mapping: chosen groups named by ID (getEntraGroups, no search), the explicit mapping, a protected group refused.
  await tab(page, 'Scope & mapping').click();
  const picker = page
    .locator('.group-search')
    .filter({ has: page.getByRole('combobox', { name: /Chosen Entra groups/ }) });
  await expectVisible(picker.getByText('Engineering', { exact: true }));
  await expectVisible(picker.getByText('Sales', { exact: true }));
  const mapping = page.getByRole('table', { name: 'Group mapping' });
  await expectVisible(mapping.getByRole('row', { name: /Sales/ }).getByText('Mapped explicitly'));
  await expectVisible(mapping.getByRole('row', { name: /Engineering/ }).getByText('entra-Engineering'));
  expect(calls).toContain('getEntraGroups');
  expect(calls).not.toContain('searchEntraGroups');

  // The group picker is a combobox: type, arrows, Enter picks, Escape closes, Backspace removes the last.
  const combo = page.getByRole('combobox', { name: /Chosen Entra groups/ });
  await combo.fill('Back');
  await expectVisible(page.getByRole('option', { name: 'Backend' }));
  await combo.press('ArrowDown');
  await combo.press('Enter');
  await expectVisible(picker.getByText('Backend', { exact: true }));
  await combo.fill('Fro');
  await expectVisible(page.getByRole('listbox'));
  await combo.press('Escape');
  await page.getByRole('listbox').waitFor({ state: 'detached' });
  await combo.press('Backspace');
  await picker.getByText('Backend', { exact: true }).waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Map to existing Jira group: Engineering' }).click();
  await page.getByRole('combobox', { name: 'Jira group for Engineering' }).fill('jira');
  const protectedOption = page.getByRole('option', { name: /jira-software-users/ });
  await expectVisible(protectedOption);
  expect(await protectedOption.getAttribute('aria-disabled')).toBe('true');
  await screenshot(page, 'scope-and-mapping', true);
  await page.getByRole('button', { name: 'Close the Jira group search for Engineering' }).click();

  // Schedule: an invalid cron is explained, a valid one shows the next three runs.
  await tab(page, 'Schedule & safety').click();
  await page.getByLabel('On a cron schedule (UTC)').check();
  await page.getByLabel('Cron expression').fill('every day');
  await expectVisible(page.getByText('is not valid', { exact: false }));
  await page.getByLabel('Cron expression').fill('0 */4 * * *');
  await expectVisible(page.getByText('Next three runs'));
  expect(await page.locator('.next-runs li').count()).toBe(3);
  await screenshot(page, 'schedule', true);
  await page.getByLabel('At a fixed interval').check();
  await page.getByLabel('Cron expression').waitFor({ state: 'detached' });

  // Preview: counts at the top, the filterable plan, CSV of every change.
  await tab(page, 'Preview & sync').click();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expectVisible(page.getByText('Previewed', { exact: true }));
  await expectVisible(page.getByText('Members to add', { exact: true }));
  await expectVisible(page.getByRole('cell', { name: 'entra-Engineering' }).first());
  await pick(page, 'Operation', 'Remove member');
  await expectVisible(page.getByRole('heading', { name: 'Changes (1 matching)' }));
  const changes = page.getByRole('table', { name: /^Changes/ });
  expect(await changes.locator('tbody tr').count()).toBe(1);
  await expectVisible(changes.getByRole('cell', { name: 'grace@contoso.com' }));
  await pick(page, 'Operation', 'All operations');
  await expectVisible(page.getByRole('heading', { name: 'Changes (8)' }));
  const csv = await downloadText(page, () => page.getByRole('button', { name: 'Download all changes (CSV)' }).click());
  expect(csv.name).toMatch(/changes\.csv$/);
  expect(csv.text.trim().split('\r\n')).toHaveLength(9);
  expect(csv.text).toContain('"removeMember","sales-team","grace@contoso.com","planned"');
  expect(await page.getByText('You have unsaved changes').count()).toBe(0);
  await screenshot(page, 'preview', true);

  // The preview read the secret's expiry: an alert, and the date on the Connection tab.
  await expectVisible(page.getByLabel('Alerts').getByText(/client secret expires in (19|20) days/));
  await tab(page, 'Connection').click();
  await expectVisible(page.getByText(/(19|20) days left/));
  await screenshot(page, 'connection-ok', true);
  await tab(page, 'Preview & sync').click();

  // Sync now removes Grace: it asks first, then runs to completion.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sync and remove' }).click();
  await expectVisible(page.getByText('Succeeded', { exact: true }), 30_000);
  await expectVisible(page.getByText('Members added', { exact: true }));
  await screenshot(page, 'sync-succeeded');

  // History: the run, the chart, the run's per-user log.
  await tab(page, 'History').click();
  await expectVisible(page.getByRole('img', { name: /Last 1 syncs: 6 adds, 1 removals/ }));
  const runs = page.getByRole('table', { name: 'Runs' });
  expect(await runs.locator('tbody tr').count()).toBe(2);
  await runs.locator('tbody tr').first().getByRole('button').click();
  await expectVisible(page.getByRole('heading', { name: 'Sync', exact: true }));
  await pick(page, 'Outcome', 'Not in Jira');
  await expectVisible(page.getByRole('table', { name: /Per-user log/ }).getByText('Not in Jira', { exact: true }));
  const log = await downloadText(page, () => page.getByRole('button', { name: 'Download user log (CSV)' }).click());
  expect(log.text).toContain('"entraId","identifier","outcome","reason"');
  await screenshot(page, 'history', true);

  // Explain a user who is out of scope.
  await tab(page, 'Explain a user').click();
  await page.getByLabel('Name or email').fill('Nina');
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  await expectVisible(page.getByRole('heading', { name: 'Nina Novak' }));
  await expectVisible(page.getByText('Not in scope (out-of-scope)'));
  await screenshot(page, 'explain-user', true);
  await page.getByLabel('Name or email').fill('contoso');
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  await page.getByRole('button', { name: 'Explain Bob Brown' }).click();
  await expectVisible(page.getByRole('cell', { name: 'Engineering › Backend' }));

  // Import/export: no secret in the export, a bad import explained.
  await tab(page, 'Import/export').click();
  const exported = await downloadText(page, () => page.getByRole('button', { name: 'Export settings (JSON)' }).click());
  const settings = JSON.parse(exported.text) as Record<string, unknown>;
  expect(settings.tenantId).toBe('6f1e2d3c-0000-4000-8000-00000000c0de');
  expect(exported.text).not.toContain('Secret.Value');
  await page.getByLabel('Or paste the JSON').fill(JSON.stringify({ ...settings, clientId: 'nope' }));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expectVisible(page.getByRole('dialog').getByRole('row', { name: /clientId/ }));
  await page.getByRole('dialog').getByRole('button', { name: 'Replace the settings' }).click();
  await expectVisible(page.getByText('The settings were not imported'));
  await expectVisible(page.getByText('clientId', { exact: false }).first());
  await screenshot(page, 'import-export');
  // A valid file: its changes are listed, and nothing is saved until confirmed.
  await page
    .getByLabel('Or paste the JSON')
    .fill(JSON.stringify({ ...settings, removals: { ...(settings.removals as object), maxPerRun: 25 } }));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const diff = page.getByRole('dialog');
  await expectVisible(diff.getByRole('heading', { name: 'Replace 1 setting?' }));
  await expectVisible(diff.getByRole('row', { name: /removals\.maxPerRun/ }).getByText('25'));
  await diff.getByRole('button', { name: 'Replace the settings' }).click();
  await expectVisible(page.getByText('Settings imported and saved.'));
  await context.close();

  // The same page in the dark theme.
  const dark = await newPage(suite.browser(), 'dark');
  await openPage(dark.page, demo.url);
  expect(await dark.page.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
  await tab(dark.page, 'History').click();
  await expectVisible(dark.page.getByRole('table', { name: 'Runs' }));
  await screenshot(dark.page, 'history-dark', true);
  await dark.context.close();
});

test('settings the server refuses are shown next to their fields, on their tab', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  await openPage(page, demo.url);

  // The page's email check lets "jane..doe@contoso.com" through; the server refuses it (writeAs.email).
  await page.getByLabel('Service account API token').check();
  await page.getByLabel('Service account email').fill('jane..doe@contoso.com');
  await page.getByLabel('API token', { exact: true }).fill('ATATT3xFfGF0-test-token');
  // Saved from another tab: the field's tab opens and the field gets focus.
  await tab(page, 'Scope & mapping').click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expectVisible(page.getByText('The settings were not saved'));
  expect(await tab(page, 'Connection').getAttribute('aria-selected')).toBe('true');
  await expectVisible(page.locator('#email-error').getByText('Must be an email address.'));
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
  expect(await page.getByLabel('Service account email').getAttribute('aria-invalid')).toBe('true');
  await expectVisible(page.getByText('writeAs.email', { exact: false }));
  await screenshot(page, 'settings-refused', true);

  // A path into a list (scope.domains.0) lands on its field too. The page refuses bad domains
  // itself, so the request is changed on its way to the server to reach the server's check.
  await page.getByLabel('Run as a site admin').check();
  await page.route('**/__forge/invoke', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as {
      functionKey: string;
      payload: { settings?: { scope?: { domains?: string[] } } };
    };
    if (body.functionKey !== 'saveSettings' || !body.payload.settings?.scope) return route.continue();
    body.payload.settings.scope.domains = ['contoso..com'];
    return route.continue({ postData: JSON.stringify(body) });
  });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expectVisible(
    page.locator('#domains-error').getByText('must be a domain such as contoso.com', { exact: false }),
  );
  expect(await tab(page, 'Scope & mapping').getAttribute('aria-selected')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('domains');
  await expectVisible(page.getByText('scope.domains.0', { exact: false }));
  await page.unroute('**/__forge/invoke');

  // Fixing the field clears its message, and the save goes through.
  await page.getByLabel('Domains').fill('contoso.com, fabrikam.com');
  expect(await page.locator('#domains-error').count()).toBe(0);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expectVisible(page.getByText('Settings saved.'));
  await context.close();
});

test('the per-group removal limit is shown, saved from the page, and kept', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  await openPage(page, demo.url);
  await tab(page, 'Schedule & safety').click();
  const field = page.getByLabel('Most removals from one group, percent of its members');
  expect(await field.inputValue()).toBe('50');
  await field.fill('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expectVisible(page.getByText('Settings saved.'));
  const saved = await demo.app.resolve('getSettings', {}, { accountId: DEMO_ADMIN });
  expect(
    saved.ok &&
      (saved.data as { settings: { removals: { maxGroupPercent: number } } }).settings.removals.maxGroupPercent,
  ).toBe(30);
  await context.close();
});

test('a Jira admin who is not a site admin sees the page read-only', async () => {
  const roles = await host('fault-roles', (s) => {
    s.settings.removals = { enabled: true, maxPerRun: 0, maxPercent: 50 };
  });
  // A site admin's sync is held by the removal limit: the Jira admin sees it but cannot decide.
  const started = await roles.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN });
  expect(started.ok).toBe(true);
  await waitFor(async () => {
    const status = await roles.app.resolve('getStatus', {}, { accountId: DEMO_ADMIN });
    return status.ok && (status.data as { pendingApproval: unknown }).pendingApproval !== null;
  });

  const { context, page } = await newPage(suite.browser());
  const calls = resolverCalls(page);
  await openPage(page, `${roles.url}/?as=${JIRA_ADMIN}`);
  await expectVisible(page.getByText('View only'));
  await expectVisible(page.getByText('Only site admins can change settings or run a sync', { exact: false }).first());

  // Connection: the settings are shown, every field disabled, no Save or Save and test.
  await expectVisible(page.getByRole('heading', { name: 'Microsoft Entra connection' }));
  expect(await page.getByLabel('Tenant ID').inputValue()).toBe('6f1e2d3c-0000-4000-8000-00000000c0de');
  expect(await page.getByLabel('Tenant ID').isDisabled()).toBe(true);
  expect(await page.getByLabel('Client secret').isDisabled()).toBe(true);
  expect(await page.getByLabel('Run as a site admin').isDisabled()).toBe(true);
  expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);

  // The held run: its staged removals, but no Approve or Discard.
  await expectVisible(page.getByText('A sync is waiting for a site admin’s approval'));
  await expectVisible(page.getByText('Only a site admin can approve or discard this run.'));
  expect(await page.getByRole('button', { name: 'Approve and sync' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Discard' }).count()).toBe(0);
  await screenshot(page, 'read-only', true);

  // Scope: the chosen groups by name, nothing to add, remove or map.
  await tab(page, 'Scope & mapping').click();
  const chips = page.getByRole('list', { name: /Chosen Entra groups/ });
  await expectVisible(chips.getByRole('listitem').filter({ hasText: 'Engineering' }));
  await expectVisible(chips.getByRole('listitem').filter({ hasText: 'Sales' }));
  await expectVisible(
    page
      .getByRole('table', { name: 'Group mapping' })
      .getByRole('row', { name: /Sales/ })
      .getByText('Mapped explicitly'),
  );
  expect(await page.getByLabel('Add an Entra group').count()).toBe(0);
  expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^Map .* to an existing Jira group$/ }).count()).toBe(0);
  expect(await page.getByLabel('Domains').isDisabled()).toBe(true);
  expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);

  // Schedule: disabled, no Save.
  await tab(page, 'Schedule & safety').click();
  expect(await page.getByLabel('Most removals per run').isDisabled()).toBe(true);
  expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);

  // Preview & sync: the held run is shown; no Preview, Sync now or Cancel.
  await tab(page, 'Preview & sync').click();
  await expectVisible(page.getByText('Held for approval'));
  for (const name of ['Preview', 'Sync now', 'Cancel run'])
    expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
  await expectVisible(
    page.getByText('Only site admins can change settings or run a sync. The latest run is shown below.'),
  );

  // Import/export: export only.
  await tab(page, 'Import/export').click();
  await expectVisible(page.getByRole('button', { name: 'Export settings (JSON)' }));
  expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
  await expectVisible(page.getByText('Import is not offered.', { exact: false }));

  // Nothing the page sent needed a site admin.
  const siteAdminOnly = [
    'saveSettings',
    'testConnection',
    'preview',
    'syncNow',
    'cancelRun',
    'approveRun',
    'discardRun',
    'importSettings',
  ];
  expect(calls.filter((c) => siteAdminOnly.includes(c))).toEqual([]);
  expect(calls).toContain('getCaller');
  await context.close();
});

test('a non-admin is refused clearly', async () => {
  const demo = await host('demo');
  const { context, page } = await newPage(suite.browser());
  await openPage(page, `${demo.url}/?as=${DEMO_MEMBER}`);
  await expectVisible(page.getByRole('heading', { name: 'You can’t use Entra Sync' }));
  await expectVisible(page.getByText('Only Jira administrators can use Entra Sync.'));
  expect(await page.getByRole('tab').count()).toBe(0);
  await screenshot(page, 'not-admin', true);
  await context.close();
});

test('a run held by the removal threshold is approved from the banner', async () => {
  const held = await host('removal-threshold');
  const { context, page } = await newPage(suite.browser());
  await openPage(page, held.url);
  await holdRunFromPage(page);
  const staged = page.getByRole('table', { name: /Staged removals/ });
  await expectVisible(staged.getByRole('cell', { name: 'sales-team' }).first());
  expect(await staged.locator('tbody tr').count()).toBeGreaterThan(5);
  await screenshot(page, 'approval', true);
  await page.getByRole('button', { name: 'Approve and sync' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Approved sync' }));
  await expectVisible(page.getByText('Succeeded', { exact: true }), 30_000);
  await page.getByText('A sync is waiting for your approval').waitFor({ state: 'detached' });
  await context.close();
});
