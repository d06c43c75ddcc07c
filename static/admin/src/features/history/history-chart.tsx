import type { RunSummary } from '../../../../../src/shared/resolver-contract';
import { formatTime } from '../../ui/format';

const W = 640;
const H = 180;
const PAD = { left: 36, right: 12, top: 12, bottom: 28 };

const SERIES = [
  { key: 'adds', label: 'Adds', className: 'series-adds' },
  { key: 'removals', label: 'Removals', className: 'series-removals' },
  { key: 'failed', label: 'Errors', className: 'series-errors' },
] as const;

/**
 * What Jira took: the run's applied counts; a run recorded before those were kept counts its plan
 * only if it succeeded, and a held, failed or cancelled one without them counts nothing.
 */
function appliedOf(r: RunSummary): { adds: number; removals: number } {
  if (r.applied) return r.applied;
  return r.status === 'succeeded' ? { adds: r.counts.adds, removals: r.counts.removals } : { adds: 0, removals: 0 };
}

/** Adds, removals and errors applied by the sync runs over time: a small hand-drawn SVG bar chart (no ADS chart exists). */
export function HistoryChart({ runs }: { runs: readonly RunSummary[] }) {
  const applied = runs
    .filter((r) => r.mode === 'apply' && r.status !== 'queued' && r.status !== 'running')
    .slice(0, 30)
    .reverse();
  if (applied.length === 0)
    return <p className="empty">The chart appears after the first sync (previews are not counted).</p>;
  const value = (r: RunSummary, key: (typeof SERIES)[number]['key']) =>
    key === 'failed' ? r.counts.failed + (r.status === 'failed' ? 1 : 0) : appliedOf(r)[key];
  const max = Math.max(1, ...applied.flatMap((r) => SERIES.map((s) => value(r, s.key))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / applied.length;
  const bar = Math.max(2, Math.min(14, (slot - 6) / SERIES.length));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const totals = SERIES.map((s) => applied.reduce((n, r) => n + value(r, s.key), 0));
  const summary = `Last ${applied.length} syncs: ${SERIES.map((s, i) => `${totals[i]} ${s.label.toLowerCase()}`).join(', ')}.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line className="chart-grid" x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} />
            <text className="chart-axis" x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end">
              {Math.round(max * f)}
            </text>
          </g>
        ))}
        {applied.map((r, i) => {
          const x0 = PAD.left + i * slot + (slot - bar * SERIES.length) / 2;
          return (
            <g key={r.id}>
              <title>{`${formatTime(r.startedAt)}: ${SERIES.map((s) => `${value(r, s.key)} ${s.label.toLowerCase()}`).join(', ')}`}</title>
              {SERIES.map((s, j) => {
                const v = value(r, s.key);
                return (
                  <rect
                    key={s.key}
                    className={s.className}
                    x={x0 + j * bar}
                    y={y(v)}
                    width={bar - 1}
                    height={Math.max(v > 0 ? 1 : 0, PAD.top + plotH - y(v))}
                  />
                );
              })}
            </g>
          );
        })}
        <text className="chart-axis" x={PAD.left} y={H - 8}>
          {formatTime(applied[0]?.startedAt ?? 0)}
        </text>
        <text className="chart-axis" x={W - PAD.right} y={H - 8} textAnchor="end">
          {formatTime(applied[applied.length - 1]?.startedAt ?? 0)}
        </text>
      </svg>
      <figcaption className="chart-legend">
        {SERIES.map((s, i) => (
          <span key={s.key} className="legend-item">
            <span className={`legend-swatch ${s.className}`} aria-hidden="true" />
            {s.label} ({totals[i]})
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
