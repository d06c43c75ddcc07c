/** One setting that an import would change, by its path (e.g. "scope.groupIds", "removals.maxPerRun"). */
export interface SettingChange {
  path: string;
  before: string;
  after: string;
}

function flatten(value: unknown, path: string, into: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, into);
  } else if (path) {
    into.set(path, value === undefined ? '' : JSON.stringify(value));
  }
}

/** The settings an import changes, adds or drops, compared leaf by leaf (lists as a whole). */
export function settingsDiff(
  current: Record<string, unknown> | null,
  incoming: Record<string, unknown>,
): SettingChange[] {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  flatten(current ?? {}, '', before);
  flatten(incoming, '', after);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths
    .filter((p) => before.get(p) !== after.get(p))
    .map((p) => ({ path: p, before: before.get(p) ?? '(not set)', after: after.get(p) ?? '(not set)' }));
}
