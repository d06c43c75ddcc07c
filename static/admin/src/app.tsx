import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo, SettingsView } from '../../../src/shared/resolver-contract';
import * as api from './api';
import { ErrorBanner } from './components/banner';
import { RunHistory } from './components/run-history';
import { RunPanel } from './components/run-panel';
import type { RemovalLimits } from './components/run-result';
import { SettingsPanel } from './components/settings-panel';
import { Spinner } from './components/spinner';
import { useRun } from './hooks/use-run';

function removalLimits(settings: Record<string, unknown> | null): RemovalLimits | null {
  const removals = settings?.removals;
  if (typeof removals !== 'object' || removals === null) return null;
  const { maxPerRun, maxPercent } = removals as Record<string, unknown>;
  return { maxPerRun: typeof maxPerRun === 'number' ? maxPerRun : null, maxPercent: typeof maxPercent === 'number' ? maxPercent : null };
}

export function App() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [dirty, setDirty] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const runs = useRun(useCallback(() => setHistoryVersion((v) => v + 1), []));
  const { open } = runs;

  const load = useCallback(async () => {
    setLoadError(null);
    const res = await api.getSettings();
    if (res.ok) setView(res.data);
    else setLoadError(res.error);
  }, []);

  useEffect(() => {
    void load();
    void open();
  }, [load, open]);

  return (
    <main className="page">
      <header className="page-header">
        <h1>Entra Sync for Jira</h1>
        <p className="muted">Keep Jira groups and memberships in step with Microsoft Entra ID.</p>
      </header>
      {loadError && (
        <ErrorBanner error={loadError} title="Could not load the settings">
          <button type="button" className="button button-subtle" onClick={() => void load()}>
            Try again
          </button>
        </ErrorBanner>
      )}
      {!view && !loadError && <Spinner label="Loading settings…" />}
      {view && <SettingsPanel view={view} onSaved={setView} onDirtyChange={setDirty} />}
      <RunPanel runs={runs} configured={view?.settings != null} dirty={dirty} limits={removalLimits(view?.settings ?? null)} />
      <RunHistory version={historyVersion} selectedId={runs.run?.id ?? null} onOpen={(id) => void open(id)} />
    </main>
  );
}
