import { useCallback, useEffect, useRef, useState } from 'react';
import { AccessRefused } from './components/access-refused';
import { ActiveRunBar } from './components/active-run-bar';
import { AlertsBanner } from './components/alerts-banner';
import { ApprovalBanner } from './components/approval-banner';
import { ErrorBanner } from './components/banner';
import { ConnectionTab } from './components/connection-tab';
import { ExplainTab } from './components/explain-tab';
import { HistoryTab } from './components/history-tab';
import { ImportExportTab } from './components/import-export-tab';
import { ScheduleTab } from './components/schedule-tab';
import { ScopeTab } from './components/scope-tab';
import { Spinner } from './components/spinner';
import { SyncTab } from './components/sync-tab';
import type { TabDef } from './components/tabs';
import { Tabs } from './components/tabs';
import { useDirectoryNames } from './hooks/use-directory-names';
import { isActive, useRun } from './hooks/use-run';
import { useSettings } from './hooks/use-settings';
import { useStatus } from './hooks/use-status';
import type { TabKey } from './tab-keys';
import { TAB_LABELS } from './tab-keys';

const REFUSALS = new Set(['forbidden', 'not-signed-in']);
const TAB_ORDER: TabKey[] = ['connection', 'scope', 'schedule', 'sync', 'history', 'explain', 'transfer'];

export function App() {
  const [tab, setTab] = useState<TabKey>('connection');
  const [historyVersion, setHistoryVersion] = useState(0);
  const { status, error: statusError, refresh } = useStatus();
  const names = useDirectoryNames(status?.configured === true);
  const settings = useSettings(names.protectedGroups);
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

  const refusal = [settings.loadError, statusError].find((e) => e !== null && REFUSALS.has(e.code)) ?? null;
  const activeRun = runs.run && isActive(runs.run.status) ? runs.run : (status?.activeRun ?? null);

  const tabs: Array<TabDef<TabKey>> = TAB_ORDER.map((key) => ({
    key,
    label: TAB_LABELS[key],
    ...(key === 'sync' && activeRun ? { badge: 'running' } : {}),
  }));

  return (
    <main className="page">
      <header className="page-header">
        <h1>Entra Sync for Jira</h1>
        <p className="muted">Keep Jira groups and memberships in step with Microsoft Entra ID.</p>
      </header>
      {refusal ? (
        <AccessRefused error={refusal} />
      ) : (
        <>
          {status && <AlertsBanner alerts={status.alerts.filter((a) => a.code !== 'needs-approval' || !status.pendingApproval)} />}
          {status?.pendingApproval && (
            <ApprovalBanner
              key={status.pendingApproval.id}
              run={status.pendingApproval}
              onApproved={(followUp) => {
                runs.track(followUp);
                setTab('sync');
              }}
              onDiscarded={runsChanged}
            />
          )}
          {activeRun && tab !== 'sync' && <ActiveRunBar run={activeRun} onShow={() => setTab('sync')} />}
          {settings.loadError && (
            <ErrorBanner error={settings.loadError} title="Could not load the settings">
              <button type="button" className="button button-subtle" onClick={() => void settings.load()}>
                Try again
              </button>
            </ErrorBanner>
          )}
          {!settings.view && !settings.loadError && <Spinner label="Loading settings…" />}
          {settings.view && (
            <Tabs tabs={tabs} selected={tab} onSelect={setTab}>
              {tab === 'connection' && <ConnectionTab settings={settings} status={status} goTo={setTab} />}
              {tab === 'scope' && <ScopeTab settings={settings} names={names} goTo={setTab} />}
              {tab === 'schedule' && <ScheduleTab settings={settings} status={status} goTo={setTab} />}
              {tab === 'sync' && <SyncTab runs={runs} configured={settings.view.settings !== null} dirty={settings.dirty} />}
              {tab === 'history' && <HistoryTab version={historyVersion} />}
              {tab === 'explain' && <ExplainTab />}
              {tab === 'transfer' && (
                <ImportExportTab
                  onImported={(view) => {
                    settings.accept(view);
                    void refresh();
                  }}
                />
              )}
            </Tabs>
          )}
        </>
      )}
    </main>
  );
}
