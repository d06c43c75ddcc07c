import fs from 'node:fs';
import { load } from 'js-yaml';

/** What the local Forge runtime reads from manifest.yml and enforces, as Forge does. */
export interface ManifestRules {
  /** function key → `{ module, export, timeoutSeconds }` from `modules.function`. */
  functions: Map<string, { file: string; exportName: string; timeoutSeconds: number | undefined }>;
  /** The admin page's resolver function key. */
  resolverFunction: string;
  /** scheduledTrigger module key → function key. */
  scheduledTriggers: Map<string, string>;
  /** queue key → consumer function key. */
  consumers: Map<string, string>;
  /** webtrigger module key → function key (none today; a handler added to the manifest is reached). */
  webTriggers: Map<string, string>;
  /** Declared scope → whether offline impersonation is allowed with it. */
  scopes: Map<string, boolean>;
  /** permissions.external.fetch.backend addresses (`https://host` or `https://*.domain`). */
  egress: string[];
}

interface RawManifest {
  modules?: Record<string, Array<Record<string, unknown>>>;
  permissions?: {
    scopes?: string[] | Record<string, { allowImpersonation?: boolean } | null>;
    external?: { fetch?: { backend?: Array<string | { address?: string }> } };
  };
}

export function readManifestRules(file: string): ManifestRules {
  const raw = load(fs.readFileSync(file, 'utf8')) as RawManifest;
  const modules = raw.modules ?? {};
  const functions = new Map<string, { file: string; exportName: string; timeoutSeconds: number | undefined }>();
  for (const entry of modules.function ?? []) {
    const [fileName, exportName] = String(entry.handler).split('.') as [string, string];
    functions.set(String(entry.key), {
      file: fileName,
      exportName,
      timeoutSeconds: typeof entry.timeoutSeconds === 'number' ? entry.timeoutSeconds : undefined,
    });
  }
  const page = (modules['jira:adminPage'] ?? [])[0] as { resolver?: { function?: string } } | undefined;
  const keyed = (list: Array<Record<string, unknown>> | undefined, by: string) =>
    new Map((list ?? []).map((m) => [String(m[by]), String(m.function)]));
  const declared = raw.permissions?.scopes ?? [];
  const scopes = new Map<string, boolean>(
    Array.isArray(declared)
      ? declared.map((s) => [s, false])
      : Object.entries(declared).map(([s, o]) => [s, o?.allowImpersonation === true]),
  );
  return {
    functions,
    resolverFunction: String(page?.resolver?.function ?? ''),
    scheduledTriggers: keyed(modules.scheduledTrigger, 'key'),
    consumers: keyed(modules.consumer, 'queue'),
    webTriggers: keyed(modules.webtrigger, 'key'),
    scopes,
    egress: (raw.permissions?.external?.fetch?.backend ?? []).map((e) =>
      typeof e === 'string' ? e : String(e.address ?? ''),
    ),
  };
}

/** Whether a URL's origin is on the egress allow-list: host match, `*.` matches subdomains only. */
export function egressAllowed(rules: Pick<ManifestRules, 'egress'>, url: URL): boolean {
  return rules.egress.some((address) => {
    const allowed = new URL(address.replace('*.', 'wildcard.'));
    if (allowed.protocol !== url.protocol) return false;
    if (!address.includes('*.')) return allowed.host === url.host;
    const suffix = allowed.host.slice('wildcard'.length);
    return url.host.endsWith(suffix) && url.host.length > suffix.length;
  });
}
