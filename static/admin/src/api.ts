import type { Envelope, ErrorInfo, ResolverDefinitions, ResolverName } from '../../../src/shared/resolver-contract';
import { RESOLVER_NAMES } from '../../../src/shared/resolver-contract';
import type { invoke as bridgeInvoke, view as bridgeView } from '@forge/bridge';

/**
 * The page's one way to the resolvers. Every function returns the resolver's envelope and never
 * throws: a bridge failure or a malformed answer becomes an `{ok: false}` envelope too, so every
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

function describeThrown(err: unknown): string {
  if (err instanceof Error && err.message.trim()) return err.message.trim();
  if (typeof err === 'string' && err.trim()) return err.trim();
  return 'unknown error';
}

async function call<N extends ResolverName>(name: N, payload: Payload<N>): Promise<Envelope<Result<N>>> {
  let answer: unknown;
  try {
    const { invoke } = await loadBridge();
    answer = await invoke(name, payload);
  } catch (err) {
    bridge = null;
    const error: ErrorInfo = {
      code: 'BRIDGE_ERROR',
      message: `Could not reach the app (${name}): ${describeThrown(err)}`,
    };
    return { ok: false, error };
  }
  if (!isEnvelope(answer)) {
    return {
      ok: false,
      error: { code: 'BAD_RESPONSE', message: `The app sent an answer this page does not understand (${name}).` },
    };
  }
  return answer as Envelope<Result<N>>;
}

/** A resolver's function: its payload may be left out when the resolver takes none. */
type ResolverFunction<N extends ResolverName> = (
  ...payload: Record<string, never> extends Payload<N> ? [payload?: Payload<N>] : [payload: Payload<N>]
) => Promise<Envelope<Result<N>>>;

/**
 * One typed function per resolver, made from the contract's list of resolvers: a resolver added
 * to the contract has its function here without another line, typed by its payload and result.
 */
export const api = Object.fromEntries(
  RESOLVER_NAMES.map((name) => [
    name,
    (payload: Payload<typeof name> = {} as Payload<typeof name>) => call(name, payload as never),
  ]),
) as { [N in ResolverName]: ResolverFunction<N> };
