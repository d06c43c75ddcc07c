import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { MissingRunData } from '../../state/chunked-list';
import { memberChunk, seeChunk } from '../../state/member-index';
import type { FinishWork } from './finish-work';
import { loadSeen, storePart } from './finish-work';

/**
 * Users gathered in memory before they are stored as a part mid-invocation. Storing a part takes
 * up to about 1.6 minutes of the installation's KVS units (6,400), so a step that spent its 600 s
 * budget still stores what it gathered inside Forge's 900 s, and the heap stays bounded at any
 * size; below it, an end that fits one invocation stores no part at all.
 */
const PART_BYTES = 64_000_000;

/**
 * One chunk of the run's member pages, read once: its ranges and trees for the member index and
 * (full runs) its users for the user index.
 */
export async function scanMembers(ctx: StepContext, work: FinishWork): Promise<void> {
  const { run, deps } = ctx;
  const seq = work.cursor.next;
  const seen = await loadSeen(ctx, work);
  const chunk = await memberChunk(deps.kv, run.summary.id, seq);
  const { builder } = work;
  seeChunk(seen, run.summary.id, seq, chunk, (page) => {
    if (!builder) return;
    for (const user of page.users) {
      if (!builder.states.has(user.id)) work.gathered += JSON.stringify(user).length;
      builder.member(user, page.groupId);
      work.gathered += page.groupId.length + 3;
    }
  });
  work.seenChanged = true;
  work.cursor.next = seq + 1;
  if (work.gathered > PART_BYTES) await storePart(ctx, work);
}

/** One chunk of a full run's user list: users no member page holds are kept too. */
export async function scanUsers(ctx: StepContext, work: FinishWork): Promise<void> {
  const { run, deps } = ctx;
  const seq = work.cursor.next;
  const chunk = await RUN_DATA.entraUsers.readChunk(deps.kv, run.summary.id, seq);
  if (chunk === undefined) throw new MissingRunData(`User chunk ${seq} of run ${run.summary.id} is missing`);
  const builder = work.builder!;
  for (const user of chunk) {
    if (!builder.states.has(user.id)) work.gathered += JSON.stringify(user).length;
    builder.listed(user);
  }
  work.cursor.next = seq + 1;
  if (work.gathered > PART_BYTES) await storePart(ctx, work);
}
