/** Who the write fetch acts as; named in refusals so the admin knows which account to fix. */
export type JiraWriteIdentity = { mode: 'runAsAdmin'; accountId: string } | { mode: 'apiToken'; email: string };

export function describeWriteIdentity(identity: JiraWriteIdentity): string {
  return identity.mode === 'runAsAdmin' ? `account ${identity.accountId}` : `service account ${identity.email}`;
}
