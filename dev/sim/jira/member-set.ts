/**
 * A group's account IDs. Every change moves `version`, so a reader can keep what it derived from
 * the members (their order) until they change, without comparing 50,000 IDs on every page.
 */
export class MemberSet extends Set<string> {
  version = 0;

  override add(accountId: string): this {
    if (!this.has(accountId)) this.version++;
    return super.add(accountId);
  }

  override delete(accountId: string): boolean {
    const removed = super.delete(accountId);
    if (removed) this.version++;
    return removed;
  }

  override clear(): void {
    if (this.size > 0) this.version++;
    super.clear();
  }
}
