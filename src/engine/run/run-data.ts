import type { EntraGroup, EntraUser, JiraUser } from '../../core/model';
import type { UserOutcome } from '../../core/plan';
import type { GroupTarget } from '../../core/target-groups';
import type { PartsFrontier, PartState } from '../stages/apply/part-state';
import type { MemberPage } from '../stages/read-entra/member-page';
import type { AffectedInput, AffectedUser } from '../stages/read-jira/affected';
import type { DriftMemberPage, DriftRoot, HiddenEmail, JiraMemberPage } from '../stages/read-jira/pages';
import type { SeenGroup, UndoneChange } from '../stages/finish/finish-data';
import type { DataCounts } from './data-kind';
import { dataKind, entryKind } from './data-kind';
import type { ChunkResults } from './plan-data';
import { planKind } from './plan-data';

// apply: each plan chunk's results, kept apart from the chunk (plan-data.ts).
const planResults = entryKind<ChunkResults, 'plan-results'>('plan-results', { life: 'record' });

/**
 * Every kind of run data, declared once: its stored name (the KVS key part, unchanged since the
 * first layout, so stored runs and snapshots stay readable), its item type and how long it lives.
 */
export const RUN_DATA = {
  // read-entra: the chosen groups, (scope `all`) every user, each chosen group's transitive users.
  entraGroups: dataKind<EntraGroup, 'entra-groups'>('entra-groups', { life: 'snapshot' }),
  entraUsers: dataKind<EntraUser, 'entra-users'>('entra-users', { life: 'snapshot' }),
  entraMembers: dataKind<MemberPage, 'entra-members'>('entra-members', { life: 'snapshot' }),
  // read-entra, incremental: the delta rounds' changed and removed users, and the changed group IDs.
  deltaUsers: dataKind<EntraUser, 'delta-users'>('delta-users', { life: 'snapshot' }),
  deltaRemoved: dataKind<string, 'delta-removed'>('delta-removed', { life: 'snapshot' }),
  deltaGroups: dataKind<string, 'delta-groups'>('delta-groups', { life: 'source' }),
  // read-jira: the target group of each synced Entra group.
  targets: dataKind<GroupTarget, 'targets'>('targets', { life: 'source' }),
  // read-jira, full: every account, the emails privacy hides, the managed groups' members.
  jiraUsers: dataKind<JiraUser, 'jira-users'>('jira-users', { life: 'source' }),
  jiraEmails: dataKind<HiddenEmail, 'jira-emails'>('jira-emails', { life: 'source' }),
  jiraMembers: dataKind<JiraMemberPage, 'jira-members'>('jira-members', { life: 'source' }),
  // read-jira, incremental: the changed users, their Jira lookups, and those found by display name.
  affectedInput: dataKind<AffectedInput, 'affected-input'>('affected-input', { life: 'source' }),
  affected: dataKind<AffectedUser, 'affected'>('affected', { life: 'source' }),
  affectedResolved: dataKind<AffectedUser, 'affected-resolved'>('affected-resolved', { life: 'source' }),
  // read-jira, incremental: the drift-repair slice's Jira members, chosen groups, users and hidden emails.
  driftMembers: dataKind<DriftMemberPage, 'drift-members'>('drift-members', { life: 'source' }),
  driftRoots: dataKind<DriftRoot, 'drift-roots'>('drift-roots', { life: 'source' }),
  driftUsers: dataKind<EntraUser, 'drift-users'>('drift-users', { life: 'source' }),
  driftEmails: dataKind<HiddenEmail, 'drift-emails'>('drift-emails', { life: 'source' }),
  // plan: the changes (read with apply's result of each laid over them) and every user's outcome.
  plan: planKind(planResults),
  planResults,
  userOutcomes: dataKind<UserOutcome, 'user-outcomes'>('user-outcomes', { life: 'record' }),
  // apply: each part's own state, under its plan chunk's number.
  part: entryKind<PartState, 'part'>('part', { life: 'record' }),
  // finish: the changes a user's outcome is settled against, and the member pages' ranges and trees scanned so far.
  undone: dataKind<UndoneChange, 'undone-changes'>('undone-changes', { life: 'source' }),
  seenGroups: dataKind<SeenGroup, 'seen-groups'>('seen-groups', { life: 'source' }),
  // apply: how far the parts are known finished (one entry, number 0).
  partsFrontier: entryKind<PartsFrontier, 'parts-frontier'>('parts-frontier', { life: 'record' }),
} as const;

/** The stored name of every kind of run data. */
export type RunDataName = (typeof RUN_DATA)[keyof typeof RUN_DATA]['name'];

/** A run's chunk counts, by kind. */
export type RunDataCounts = DataCounts<RunDataName>;
