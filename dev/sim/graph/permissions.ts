/** Application permissions that allow each read (least privileged first), per the Graph permission tables. */
export type GraphResourceKind = 'users' | 'groups' | 'applications';

const ALLOWED: Record<GraphResourceKind, string[]> = {
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  groups: [
    'GroupMember.Read.All',
    'Group.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  applications: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
};

export function canRead(roles: readonly string[], kind: GraphResourceKind): boolean {
  return ALLOWED[kind].some((role) => roles.includes(role));
}
