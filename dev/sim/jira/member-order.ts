import type { JiraDirectoryState, SimJiraGroup, SimJiraUser } from './directory-state';

interface OrderedMembers {
  users: SimJiraUser[];
  /** What each user's place depended on when sorted, to notice a later change. */
  seen: { displayName: string; active: boolean }[];
}

const cache = new WeakMap<SimJiraGroup, OrderedMembers>();

/**
 * A group's members ordered by display name then account ID (Jira orders by the hidden username;
 * any stable order pages the same way). Sorting a 50,000-member group with localeCompare took about
 * half a second, once per page: the order is kept and reused while the members and what they sort
 * by are unchanged, which is checked in linear time on every call.
 */
export function orderedMembers(group: SimJiraGroup, state: JiraDirectoryState): SimJiraUser[] {
  const kept = cache.get(group);
  if (kept && stillValid(kept, group, state)) return kept.users;
  const users = [...group.members]
    .flatMap((id) => {
      const user = state.user(id);
      return user ? [user] : [];
    })
    .sort(
      (a, b) =>
        a.displayName.toLowerCase().localeCompare(b.displayName.toLowerCase()) ||
        a.accountId.localeCompare(b.accountId),
    );
  const seen = users.map((u) => ({ displayName: u.displayName, active: u.active }));
  cache.set(group, { users, seen });
  return users;
}

function stillValid(kept: OrderedMembers, group: SimJiraGroup, state: JiraDirectoryState): boolean {
  const known = [...group.members].filter((id) => state.user(id) !== undefined).length;
  if (known !== kept.users.length) return false;
  return kept.users.every((user, i) => {
    const seen = kept.seen[i];
    return (
      group.members.has(user.accountId) &&
      state.user(user.accountId) === user &&
      seen !== undefined &&
      seen.displayName === user.displayName &&
      seen.active === user.active
    );
  });
}
