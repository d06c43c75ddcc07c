import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { AccessRefused } from './features/access/access-refused';
import { ActiveRunBar } from './features/sync/active-run-bar';
import { AlertsBanner } from './features/status/alerts-banner';
import { ErrorBanner } from './ui/banner';
import { ConnectionTab } from './features/connection/connection-tab';
import { Spinner } from './ui/spinner';
import { syncRules } from './features/sync/sync-plan-statement';
import { focusRunHeading } from './features/sync/focus-run-heading';
import type { TabDef } from './ui/tabs';
import { Tabs } from './ui/tabs';
import { ReadOnlyNote } from './features/access/read-only-note';
import { useCaller } from './features/access/use-caller';
import { ReadOnlyProvider } from './features/access/read-only';
import { useDirectoryNames } from './features/scope/use-directory-names';
import { isActive, useRun } from './features/sync/use-run';
import { useSettings } from './features/settings/use-settings';
import { useStatus } from './features/status/use-status';
import type { FieldName } from './features/settings/settings-form';
import type { TabKey } from './features/settings/tab-keys';
import { FIELD_TAB, TAB_LABELS } from './features/settings/tab-keys';

// The heavier tabs load when first opened, keeping the first screen small (BENCHMARKS.md).
const ApprovalBanner = lazy(() =>
  import('./features/approval/approval-banner').then((m) => ({ default: m.ApprovalBanner })),
);
const ScheduleTab = lazy(() => import('./features/schedule/schedule-tab').then((m) => ({ default: m.ScheduleTab })));
const ScopeTab = lazy(() => import('./features/scope/scope-tab').then((m) => ({ default: m.ScopeTab })));
const SyncTab = lazy(() => import('./features/sync/sync-tab').then((m) => ({ default: m.SyncTab })));
const HistoryTab = lazy(() => import('./features/history/history-tab').then((m) => ({ default: m.HistoryTab })));
const ExplainTab = lazy(() => import('./features/explain/explain-tab').then((m) => ({ default: m.ExplainTab })));
const ImportExportTab = lazy(() =>
  import('./features/transfer/import-export-tab').then((m) => ({ default: m.ImportExportTab })),
);

const REFUSALS = new Set(['forbidden', 'not-signed-in']);
const TAB_ORDER: TabKey[] = ['connection', 'scope', 'schedule', 'sync', 'history', 'explain', 'transfer'];

/** Focuses a form field by its name: the input with that ID, or the chosen option of a radio group. */
function focusField(field: FieldName): void {
  const target =
    document.getElementById(field) ??
    document.querySelector<HTMLElement>(`input[name="${field}"]:checked`) ??
    document.querySelector<HTMLElement>(`[name="${field}"]`);
  target?.focus();
}

/** Entra group IDs the saved settings name: chosen groups and the Entra side of the mapping. */
function savedEntraIds(settings: Record<string, unknown> | null): string[] {
  const scope = settings?.scope as { groupIds?: unknown } | undefined;
  const groups = settings?.groups as { mapping?: unknown } | undefined;
  const chosen = Array.isArray(scope?.groupIds) ? scope.groupIds : [];
  const mapped = Array.isArray(groups?.mapping)
    ? groups.mapping.map((m: unknown) => (m as { entraGroupId?: unknown } | null)?.entraGroupId)
    : [];
  return [...chosen, ...mapped].filter((id): id is string => typeof id === 'string');
}

export function App() {
  const [tab, setTab] = useState<TabKey>('connection');
  const [historyVersion, setHistoryVersion] = useState(0);
  const [focusRequest, setFocusRequest] = useState<{ field: FieldName } | null>(null);
  const caller = useCaller();
  const { readOnly } = caller;
  const { status, error: statusError, refresh } = useStatus();
  const names = useDirectoryNames(status?.configured === true);
  const showField = useCallback((field: FieldName) => {
    setTab(FIELD_TAB[field]);
    setFocusRequest({ field });
  }, []);
  const settings = useSettings(names.protectedGroups, showField);
  const { lookUp } = names;
  const savedSettings = settings.view?.settings ?? null;

  // The tab is open once this commits: focus the field that needs fixing.
  useEffect(() => {
    if (focusRequest) focusField(focusRequest.field);
  }, [focusRequest]);

  // Names of the saved Entra groups (scope and mapping), read by ID rather than found by searching.
  useEffect(() => {
    const ids = savedEntraIds(savedSettings);
    if (ids.length > 0) void lookUp(ids);
  }, [savedSettings, lookUp]);

  const runsChanged = useCallback(() => {
    setHistoryVersion((v) => v + 1);
    void refresh();
  }, [refresh]);
  const runs = useRun(runsChanged);
  const { open } = runs;

  useEffect(() => {
    void open();
  }, [open]);

  // A run started elsewhere (another admin, the schedule) is followed here too.
  const lastAutoOpened = useRef<string | null>(null);
  const activeId = status?.activeRun?.id ?? null;
  useEffect(() => {
    if (!activeId || lastAutoOpened.current === activeId) return;
    if (runs.run?.id === activeId && (runs.following || !isActive(runs.run.status))) return;
    lastAutoOpened.current = activeId;
    void open(activeId);
  }, [activeId, open, runs.run, runs.following]);

  const notAdmin =
    caller.caller && !caller.caller.jiraAdmin
      ? { code: 'forbidden', message: 'Only Jira administrators can use Entra Sync.' }
      : null;
  const refusal =
    [caller.error, settings.loadError, statusError, notAdmin].find((e) => e && REFUSALS.has(e.code)) ?? null;
  const activeRun = runs.run && isActive(runs.run.status) ? runs.run : (status?.activeRun ?? null);

  const tabs: Array<TabDef<TabKey>> = TAB_ORDER.map((key) => ({
    key,
    label: TAB_LABELS[key],
    ...(key === 'sync' && activeRun ? { badge: 'running' } : {}),
  }));

  return (
    <ReadOnlyProvider value={readOnly}>
      <main className="page">
        <header className="page-header">
          <Heading as="h1" size="large">
            Entra Sync for Jira
          </Heading>
          <p className="muted">Keep Jira groups and memberships in step with Microsoft Entra ID.</p>
        </header>
        {refusal ? (
          <AccessRefused error={refusal} />
        ) : (
          <>
            {status && (
              <AlertsBanner
                alerts={status.alerts.filter((a) => a.code !== 'needs-approval' || !status.pendingApproval)}
              />
            )}
            {readOnly && <ReadOnlyNote />}
            {caller.error && !REFUSALS.has(caller.error.code) && (
              <ErrorBanner error={caller.error} title="Could not check what you may change" level="h2">
                <Button appearance="subtle" onClick={() => void caller.load()}>
                  Try again
                </Button>
              </ErrorBanner>
            )}
            {status?.pendingApproval && (
              <Suspense fallback={<Spinner label="Loading the held run…" />}>
                <ApprovalBanner
                  key={status.pendingApproval.id}
                  run={status.pendingApproval}
                  onApproved={(followUp) => {
                    runs.track(followUp);
                    setTab('sync');
                    focusRunHeading();
                  }}
                  onDiscarded={runsChanged}
                />
              </Suspense>
            )}
            {activeRun && tab !== 'sync' && (
              <ActiveRunBar
                run={activeRun}
                writes={runs.run?.id === activeRun.id ? runs.run.writes : undefined}
                onShow={() => setTab('sync')}
              />
            )}
            {settings.loadError && (
              <ErrorBanner error={settings.loadError} title="Could not load the settings" level="h2">
                <Button appearance="subtle" onClick={() => void settings.load()}>
                  Try again
                </Button>
              </ErrorBanner>
            )}
            {(!settings.view || !caller.settled) && !settings.loadError && <Spinner label="Loading settings…" />}
            {settings.view && caller.settled && (
              <Tabs tabs={tabs} selected={tab} onSelect={setTab}>
                {tab === 'connection' && <ConnectionTab settings={settings} status={status} goTo={setTab} />}
                <Suspense fallback={<Spinner label="Loading…" />}>
                  {tab === 'scope' && <ScopeTab settings={settings} names={names} goTo={setTab} />}
                  {tab === 'schedule' && <ScheduleTab settings={settings} status={status} goTo={setTab} />}
                  {tab === 'sync' && (
                    <SyncTab
                      runs={runs}
                      configured={settings.view.settings !== null}
                      dirty={settings.dirty}
                      pendingApproval={status?.pendingApproval ?? null}
                      rules={syncRules(savedSettings, status?.nextScheduledRunAt ?? null)}
                    />
                  )}
                  {tab === 'history' && <HistoryTab version={historyVersion} />}
                  {tab === 'explain' && <ExplainTab />}
                  {tab === 'transfer' && (
                    <ImportExportTab
                      current={savedSettings}
                      onImported={(view) => {
                        settings.accept(view);
                        void refresh();
                      }}
                    />
                  )}
                </Suspense>
              </Tabs>
            )}
          </>
        )}
        <p className="visually-hidden" role="status" aria-live="polite">
          {runs.announcement}
        </p>
      </main>
    </ReadOnlyProvider>
  );
}
