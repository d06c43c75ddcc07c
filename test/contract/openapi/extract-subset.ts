/**
 * Regenerates jira-platform-subset.json from the full Jira platform OpenAPI document:
 *   npx tsx test/contract/openapi/extract-subset.ts [path/to/jira-platform-openapi-v3.json]
 * Keeps the adapter's and the composition's operations, the components they reference (transitively) and only the
 * OAuth2 scopes those operations list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JIRA_ADAPTER_OPERATIONS, JIRA_COMPOSITION_OPERATIONS } from './jira-adapter-operations';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const DEFAULT_SOURCE = '/work/shared/contracts/jira-platform-openapi-v3.json';
export const SUBSET_FILE = path.join(__dirname, 'jira-platform-subset.json');

export function extractSubset(full: JsonObject): JsonObject {
  const fullPaths = full.paths as JsonObject;
  const components = full.components as JsonObject;
  const paths: JsonObject = {};
  for (const [method, route] of [...JIRA_ADAPTER_OPERATIONS, ...JIRA_COMPOSITION_OPERATIONS]) {
    const operation = (fullPaths[route] as JsonObject | undefined)?.[method];
    if (!operation) throw new Error(`The document has no ${method.toUpperCase()} ${route}`);
    paths[route] = { ...((paths[route] as JsonObject | undefined) ?? {}), [method]: operation };
  }

  // Follow "#/components/<kind>/<name>" references until no new ones appear.
  const kept: Record<string, JsonObject> = {};
  const pending: Json[] = [paths];
  while (pending.length > 0) {
    const node = pending.pop() as Json;
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const match = /^#\/components\/([^/]+)\/(.+)$/.exec(value);
          if (!match) throw new Error(`Unsupported reference ${value}`);
          const [, kind, name] = match as unknown as [string, string, string];
          kept[kind] ??= {};
          if (!(name in kept[kind])) {
            const target = (components[kind] as JsonObject | undefined)?.[name];
            if (target === undefined) throw new Error(`Dangling reference ${value}`);
            kept[kind][name] = target;
            pending.push(target);
          }
        } else pending.push(value);
      }
    }
  }

  const sortedComponents: JsonObject = {};
  for (const kind of Object.keys(kept).sort()) {
    sortedComponents[kind] = Object.fromEntries(
      Object.keys(kept[kind] as JsonObject)
        .sort()
        .map((name) => [name, (kept[kind] as JsonObject)[name] as Json]),
    );
  }
  sortedComponents.securitySchemes = trimmedSecuritySchemes(components.securitySchemes as JsonObject, paths);

  return {
    openapi: full.openapi as Json,
    info: full.info as Json,
    servers: full.servers as Json,
    paths,
    components: sortedComponents,
  };
}

/** The OAuth2 scheme lists ~200 scopes; keep the ones the kept operations name. */
function trimmedSecuritySchemes(schemes: JsonObject, paths: JsonObject): JsonObject {
  const used = new Set<string>();
  for (const methods of Object.values(paths) as JsonObject[]) {
    for (const operation of Object.values(methods) as JsonObject[]) {
      for (const entry of (operation['x-atlassian-oauth2-scopes'] as JsonObject[] | undefined) ?? [])
        for (const scope of entry.scopes as string[]) used.add(scope);
    }
  }
  const oauth = JSON.parse(JSON.stringify(schemes.OAuth2)) as {
    flows: { authorizationCode: { scopes: Record<string, string> } };
  };
  const scopes = oauth.flows.authorizationCode.scopes;
  oauth.flows.authorizationCode.scopes = Object.fromEntries(Object.entries(scopes).filter(([name]) => used.has(name)));
  return { ...schemes, OAuth2: oauth as unknown as Json };
}

if (require.main === module) {
  const source = process.argv[2] ?? DEFAULT_SOURCE;
  const subset = extractSubset(JSON.parse(readFileSync(source, 'utf8')) as JsonObject);
  writeFileSync(SUBSET_FILE, `${JSON.stringify(subset, null, 2)}\n`);
  process.stdout.write(
    `Wrote ${SUBSET_FILE} (${Object.keys(subset.paths as JsonObject).length} paths) from ${source}\n`,
  );
}
