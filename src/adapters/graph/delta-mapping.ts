import { SyncError } from '../../core/errors';
import type { DeltaMember, GroupDeltaEntry, GroupsDeltaPage, UsersDeltaPage } from '../../ports/entra-directory';
import type { GraphCloudEndpoints } from './graph-clouds';
import type { ReadPurpose } from './graph-error-mapping';
import { GROUP_ODATA_TYPE, USER_ODATA_TYPE, collection, toEntraUser } from './graph-mapping';

type Json = Record<string, unknown>;

/** nextLink and deltaLink of a delta page; a page with neither would end the round without a checkpoint. */
function links(body: Json, purpose: ReadPurpose): { next: string | null; deltaLink: string | null } {
  const next = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : null;
  const deltaLink = typeof body['@odata.deltaLink'] === 'string' ? body['@odata.deltaLink'] : null;
  if (next === null && deltaLink === null) {
    throw new SyncError(
      'graph-bad-response',
      `Microsoft Graph's delta answer for ${purpose.what} has neither a nextLink nor a deltaLink.`,
      { retryable: true },
    );
  }
  return { next, deltaLink };
}

function removed(raw: Json): boolean {
  return raw['@removed'] !== undefined && raw['@removed'] !== null;
}

function idOf(raw: Json, purpose: ReadPurpose): string {
  if (typeof raw.id === 'string' && raw.id.length > 0) return raw.id;
  throw new SyncError(
    'graph-bad-response',
    `Microsoft Graph returned an entry without an id while reading ${purpose.what}.`,
    { retryable: true },
  );
}

/** `@removed` entries (reason "changed" = soft-deleted, "deleted" = gone) become removedIds; others map like list reads. */
export function usersDeltaPage(body: Json, purpose: ReadPurpose, cloud: GraphCloudEndpoints): UsersDeltaPage {
  const { value } = collection(body, purpose);
  const page: UsersDeltaPage = { users: [], removedIds: [], ...links(body, purpose) };
  for (const raw of value) {
    if (removed(raw)) page.removedIds.push(idOf(raw, purpose));
    else page.users.push(toEntraUser(raw, purpose, cloud));
  }
  return page;
}

function memberType(raw: Json): DeltaMember['type'] {
  if (raw['@odata.type'] === USER_ODATA_TYPE) return 'user';
  if (raw['@odata.type'] === GROUP_ODATA_TYPE) return 'group';
  return 'other';
}

/** `members@delta` is direct membership only; an entry with `@removed` is a removed membership (facts 3.3). */
function groupEntry(raw: Json, purpose: ReadPurpose): GroupDeltaEntry {
  const entry: GroupDeltaEntry = {
    id: idOf(raw, purpose),
    displayName: typeof raw.displayName === 'string' ? raw.displayName : null,
    removed: removed(raw),
    membersAdded: [],
    membersRemoved: [],
  };
  const members = Array.isArray(raw['members@delta']) ? (raw['members@delta'] as unknown[]) : [];
  for (const member of members) {
    if (member === null || typeof member !== 'object') continue;
    const m = member as Json;
    const ref: DeltaMember = { id: idOf(m, purpose), type: memberType(m) };
    (removed(m) ? entry.membersRemoved : entry.membersAdded).push(ref);
  }
  return entry;
}

export function groupsDeltaPage(body: Json, purpose: ReadPurpose): GroupsDeltaPage {
  const { value } = collection(body, purpose);
  return { groups: value.map((raw) => groupEntry(raw, purpose)), ...links(body, purpose) };
}
