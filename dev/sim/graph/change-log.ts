/**
 * What changed in the simulated tenant and when, by sequence number, so a delta round can list
 * the changes made after its token was issued. The scenario's seed state is sequence 0.
 */
export type MemberKind = 'user' | 'group' | 'orgContact' | 'device' | 'servicePrincipal';

/**
 * Delta's `@removed.reason`: "changed" = soft-deleted, restorable from deletedItems for 30 days;
 * "deleted" = gone for good (learn.microsoft.com/graph/delta-query-overview, resource representation).
 */
export type RemovedReason = 'changed' | 'deleted';

export interface MemberRef {
  id: string;
  type: MemberKind;
}

interface MemberEvent extends MemberRef {
  seq: number;
  added: boolean;
}

/** When each object was created, each of its properties last changed, and when it was deleted. */
class ObjectChanges {
  private readonly created = new Map<string, number>();
  private readonly properties = new Map<string, Map<string, number>>();
  private readonly deleted = new Map<string, { id: string; seq: number; reason: RemovedReason }>();

  added(id: string, seq: number): void {
    const key = id.toLowerCase();
    this.created.set(key, seq);
    this.properties.delete(key);
    this.deleted.delete(key);
  }

  changed(id: string, names: readonly string[], seq: number): void {
    const key = id.toLowerCase();
    const known = this.properties.get(key) ?? new Map<string, number>();
    for (const name of names) known.set(name.toLowerCase(), seq);
    this.properties.set(key, known);
  }

  removed(id: string, seq: number, reason: RemovedReason = 'deleted'): void {
    this.deleted.set(id.toLowerCase(), { id, seq, reason });
  }

  createdSince(id: string, since: number): boolean {
    return (this.created.get(id.toLowerCase()) ?? 0) > since;
  }

  /** Only changes to tracked (selected) properties surface, as with Graph's `$select` on delta. */
  changedSince(id: string, since: number, tracked: readonly string[]): boolean {
    const known = this.properties.get(id.toLowerCase());
    return known !== undefined && tracked.some((name) => (known.get(name.toLowerCase()) ?? 0) > since);
  }

  deletedSince(since: number): Array<{ id: string; reason: RemovedReason }> {
    return [...this.deleted.values()].filter((d) => d.seq > since).map(({ id, reason }) => ({ id, reason }));
  }
}

export class ChangeLog {
  private seq = 0;
  readonly users = new ObjectChanges();
  readonly groups = new ObjectChanges();
  private readonly memberEvents = new Map<string, MemberEvent[]>();

  /** The sequence number of the latest change. */
  current(): number {
    return this.seq;
  }

  /** Reserves the next sequence number; every change recorded with it happened "at once". */
  next(): number {
    return ++this.seq;
  }

  membership(groupId: string, member: MemberRef, added: boolean, seq: number): void {
    const key = groupId.toLowerCase();
    const events = this.memberEvents.get(key) ?? [];
    events.push({ ...member, added, seq });
    this.memberEvents.set(key, events);
  }

  /**
   * Net direct-membership changes after `since`: a member added then removed (or the reverse)
   * cancels out. Events are only recorded for real changes, so the first event tells the state before.
   */
  membershipSince(groupId: string, since: number): { added: MemberRef[]; removed: MemberRef[] } {
    const byMember = new Map<string, { first: MemberEvent; last: MemberEvent }>();
    for (const event of this.memberEvents.get(groupId.toLowerCase()) ?? []) {
      if (event.seq <= since) continue;
      const key = event.id.toLowerCase();
      const seen = byMember.get(key);
      byMember.set(key, { first: seen?.first ?? event, last: event });
    }
    const added: MemberRef[] = [];
    const removed: MemberRef[] = [];
    for (const { first, last } of byMember.values()) {
      const wasMember = !first.added;
      if (wasMember === last.added) continue;
      (last.added ? added : removed).push({ id: last.id, type: last.type });
    }
    return { added, removed };
  }
}
