import type { EntraUser } from '../../../core/model';

/** Passed as the link to start a delta round "from now" ($deltatoken=latest): a link with no data. */
export const LATEST = 'latest';

/**
 * The Graph reads incremental runs need beyond the port's basics (delta queries and transitive
 * members with their nested groups). Adapters that lack them cannot run incrementally; the engine
 * then always does full runs.
 */
export interface IncrementalReads {
  usersDelta(
    link: string | null,
  ): Promise<{ users: EntraUser[]; removedIds: string[]; next: string | null; deltaLink: string | null }>;
  groupsDelta(
    groupIds: string[] | null,
    link: string | null,
  ): Promise<{
    groups: Array<{
      id: string;
      displayName: string | null;
      removed: boolean;
      membersAdded: Array<{ id: string; type: string }>;
      membersRemoved: Array<{ id: string; type: string }>;
    }>;
    next: string | null;
    deltaLink: string | null;
  }>;
  transitiveMembersPage(
    groupId: string,
    next: string | null,
  ): Promise<{ users: EntraUser[]; groupIds: string[]; next: string | null }>;
}

export function supportsIncremental(entra: object): entra is IncrementalReads {
  const e = entra as Partial<IncrementalReads>;
  return (
    typeof e.usersDelta === 'function' &&
    typeof e.groupsDelta === 'function' &&
    typeof e.transitiveMembersPage === 'function'
  );
}
