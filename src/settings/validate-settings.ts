import { SyncError } from '../core/errors';
import type { Settings } from './schema';
import { settingsSchema } from './schema';
import { nextCronTimes } from './cron';

/** Parses untrusted settings; a failure names every bad field and never echoes a value. */
export function validateSettings(input: unknown): Settings {
  const result = settingsSchema.safeParse(input);
  if (result.success) {
    if (result.data.schedule.cron) nextCronTimes(result.data.schedule.cron, 0, 2);
    return result.data;
  }
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.join('.') || 'settings',
    message: issue.message,
  }));
  throw new SyncError(
    'invalid-settings',
    `The settings are not valid. ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}.`,
    { fields },
  );
}
