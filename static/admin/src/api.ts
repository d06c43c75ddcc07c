import type {
  ConnectionReport,
  Envelope,
  ErrorInfo,
  GroupOption,
  ResolverDefinitions,
  ResolverName,
  RunDetail,
  RunSummary,
  SettingsView,
} from '../../../src/shared/resolver-contract';
import type { invoke as bridgeInvoke, view as bridgeView } from '@forge/bridge';

/**
 * One typed wrapper per resolver. Each returns the resolver's envelope and never throws:
 * a bridge failure or a malformed answer becomes an `{ok: false}` envelope too, so every
 * caller has exactly one error path to show.
 */

type Payload<N extends ResolverName> = ResolverDefinitions[N][0];
type Result<N extends ResolverName> = ResolverDefinitions[N][1];

// Loaded on first call, not at start-up: @forge/bridge reads `globalThis.__bridge` when it is
// first evaluated and throws if it is missing, and the page should say so rather than go blank.
interface Bridge {
  invoke: typeof bridgeInvoke;
  view: typeof bridgeView;
}

let bridge: Promise<Bridge> | null = null;

function loadBridge(): Promise<Bridge> {
  bridge ??= import('@forge/bridge');
  return bridge;
}

/**
 * Follows Jira's light or dark theme inside Jira (the bridge's enableTheming); where the host
 * cannot (the local host), loads the Atlassian design tokens itself, following the system's
 * light or dark preference.
 */
export async function enableTheme(): Promise<void> {
  try {
    const { view } = await loadBridge();
    await view.theme.enable();
  } catch {
    bridge = null;
    const { setGlobalTheme } = await import('@atlaskit/tokens/set-global-theme');
    await setGlobalTheme({ colorMode: 'auto', light: 'light', dark: 'dark' });
  }
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; data?: unknown; error?: unknown };
  if (v.ok === true) return 'data' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}

export function describeThrown(err: unknown): string {
  if (err instanceof Error && err.message.trim()) return err.message.trim();
  if (typeof err === 'string' && err.trim()) return err.trim();
  return 'unknown error';
}

export async function call<N extends ResolverName>(name: N, payload: Payload<N>): Promise<Envelope<Result<N>>> {
  let answer: unknown;
  try {
    const { invoke } = await loadBridge();
    answer = await invoke(name, payload);
  } catch (err) {
    bridge = null;
    const error: ErrorInfo = { code: 'BRIDGE_ERROR', message: `Could not reach the app (${name}): ${describeThrown(err)}` };
    return { ok: false, error };
  }
  if (!isEnvelope(answer)) {
    return { ok: false, error: { code: 'BAD_RESPONSE', message: `The app sent an answer this page does not understand (${name}).` } };
  }
  return answer as Envelope<Result<N>>;
}

export const getSettings = (): Promise<Envelope<SettingsView>> => call('getSettings', {});
export const saveSettings = (payload: { settings: Record<string, unknown> }): Promise<Envelope<SettingsView>> =>
  call('saveSettings', payload);
export const testConnection = (): Promise<Envelope<ConnectionReport>> => call('testConnection', {});
export const preview = (): Promise<Envelope<RunSummary>> => call('preview', {});
export const syncNow = (): Promise<Envelope<RunSummary>> => call('syncNow', {});
export const getRun = (payload: { runId?: string }): Promise<Envelope<RunDetail | null>> => call('getRun', payload);
export const listRuns = (): Promise<Envelope<RunSummary[]>> => call('listRuns', {});
export const cancelRun = (payload: { runId: string }): Promise<Envelope<RunSummary>> => call('cancelRun', payload);
export const getCaller = (): Promise<Envelope<ResolverDefinitions['getCaller'][1]>> => call('getCaller', {});
export const getEntraGroups = (payload: { ids: string[] }): Promise<Envelope<GroupOption[]>> => call('getEntraGroups', payload);
