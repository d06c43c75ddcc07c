import AkLozenge from '@atlaskit/lozenge';
import type { RunStatus } from '../../../../src/shared/resolver-contract';

export type Tone = 'default' | 'success' | 'removed' | 'inprogress' | 'new' | 'moved';

const STATUS: Record<RunStatus, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'inprogress' },
  running: { label: 'Running', tone: 'inprogress' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'removed' },
  'needs-approval': { label: 'Needs approval', tone: 'moved' },
  previewed: { label: 'Previewed', tone: 'new' },
  cancelled: { label: 'Cancelled', tone: 'default' },
};

export function Lozenge({ tone, children }: { tone: Tone; children: string }) {
  return <AkLozenge appearance={tone}>{children}</AkLozenge>;
}

/** A run's status; a status this page does not know yet (e.g. a new "completed with failures") reads as itself, never as success. */
export function StatusLozenge({ status, resolution }: { status: RunStatus | string; resolution?: string }) {
  if (status === 'needs-approval' && resolution)
    return (
      <Lozenge tone="default">
        {resolution === 'superseded' ? 'Superseded' : resolution === 'approved' ? 'Approved' : 'Discarded'}
      </Lozenge>
    );
  const s = STATUS[status as RunStatus] ?? { label: humanStatus(status), tone: 'moved' };
  return <Lozenge tone={s.tone}>{s.label}</Lozenge>;
}

function humanStatus(status: string): string {
  const words = status.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Unknown';
}
