import { Prng } from './prng';
import type { Expected } from './reference';

export interface DriftOp {
  op: 'add' | 'remove';
  groupId: string;
  accountId: string;
}

/**
 * Hand-made drift in the app's Jira groups: `rate` of the managed memberships are removed and as
 * many wrong members are added (accounts Entra does not put in that group). Deterministic per seed.
 */
export function makeDrift(
  jiraGroups: ReadonlyArray<{ name: string; groupId: string; members: string[] }>,
  expected: Expected,
  accounts: readonly string[],
  options: { seed: number; rate: number },
): DriftOp[] {
  const prng = new Prng(options.seed);
  const groups = jiraGroups.filter((g) => expected.desired.has(g.name) && g.members.length > 0);
  const memberships = groups.reduce((n, g) => n + g.members.length, 0);
  const each = Math.max(1, Math.ceil((memberships * options.rate) / 2));
  const ops: DriftOp[] = [];
  const used = new Set<string>();
  for (let i = 0; i < each * 20 && ops.length < 2 * each; i++) {
    const group = prng.pick(groups);
    const remove = ops.filter((o) => o.op === 'remove').length < each;
    const accountId = remove ? prng.pick(group.members) : prng.pick(accounts);
    const key = `${group.groupId}:${accountId}`;
    if (
      used.has(key) ||
      (!remove && (group.members.includes(accountId) || expected.desired.get(group.name)?.has(accountId)))
    )
      continue;
    used.add(key);
    ops.push({ op: remove ? 'remove' : 'add', groupId: group.groupId, accountId });
  }
  return ops;
}

/** Applies drift through Jira's REST API as a site admin would by hand (retrying burst 429s). */
export async function applyDrift(jiraUrl: string, adminAccountId: string, ops: readonly DriftOp[]): Promise<void> {
  for (const op of ops) {
    const groupId = encodeURIComponent(op.groupId);
    const url =
      op.op === 'add'
        ? `${jiraUrl}/rest/api/3/group/user?groupId=${groupId}`
        : `${jiraUrl}/rest/api/3/group/user?groupId=${groupId}&accountId=${encodeURIComponent(op.accountId)}`;
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, {
        method: op.op === 'add' ? 'POST' : 'DELETE',
        headers: { authorization: `Bearer forge-user:${adminAccountId}`, 'content-type': 'application/json' },
        ...(op.op === 'add' ? { body: JSON.stringify({ accountId: op.accountId }) } : {}),
      });
      await response.arrayBuffer();
      if (response.ok) break;
      if (response.status !== 429 || attempt > 20)
        throw new Error(`Drift ${op.op} ${op.accountId} in ${op.groupId} failed: HTTP ${response.status}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
