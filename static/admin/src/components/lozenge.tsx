import type { RunStatus } from '../../../../src/shared/resolver-contract';

const STATUS: Record<RunStatus, { label: string; tone: string }> = {
  queued: { label: 'Queued', tone: 'inprogress' },
  running: { label: 'Running', tone: 'inprogress' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'removed' },
  'needs-approval': { label: 'Needs approval', tone: 'moved' },
  previewed: { label: 'Previewed', tone: 'new' },
  cancelled: { label: 'Cancelled', tone: 'default' },
};

export function Lozenge({ tone, children }: { tone: string; children: string }) {
  return <span className={`lozenge lozenge-${tone}`}>{children}</span>;
}

export function StatusLozenge({ status }: { status: RunStatus }) {
  const s = STATUS[status] ?? { label: String(status), tone: 'default' };
  return <Lozenge tone={s.tone}>{s.label}</Lozenge>;
}
