import type { SchedulePreview } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';
import { useDebouncedQuery } from '../../hooks/use-debounced-query';
import type { Interval, ScheduleMode } from '../settings/settings-form';

/** The next run times of the schedule being typed, checked on the server (null: nothing to check yet). */
export function useSchedulePreview(
  mode: ScheduleMode,
  interval: Interval,
  cron: string,
): { preview: SchedulePreview | null; checking: boolean } {
  const nothing = mode === 'off' || (mode === 'cron' && !cron.trim());
  const { data, error, loading } = useDebouncedQuery(
    nothing ? null : () => api.previewSchedule(mode === 'cron' ? { cron: cron.trim().slice(0, 120) } : { interval }),
    [mode, interval, cron],
  );
  if (nothing) return { preview: null, checking: false };
  return { preview: error ? { valid: false, nextRuns: [], error } : data, checking: loading };
}
