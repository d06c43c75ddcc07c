import { isSyncError } from '../../core/errors';
import type { EntraDirectory, EntraDirectoryExtras } from '../../ports/entra-directory';
import type { KeyValueStore } from '../../ports/key-value-store';
import { STORAGE_KEYS } from './keys';

export interface SecretExpiryState {
  endDateTime: string | null;
  readable: boolean;
  message: string;
  checkedAt: number;
}

const DAY_MS = 86_400_000;
/** Warn this many days before the client secret expires. */
export const EXPIRY_WARNING_DAYS = 30;

export function daysLeft(state: SecretExpiryState, now: number): number | null {
  return state.endDateTime ? Math.floor((Date.parse(state.endDateTime) - now) / DAY_MS) : null;
}

/** A warning for the run record and the banner when the secret ends within 30 days (or has ended). */
export function expiryWarning(state: SecretExpiryState | undefined, now: number): string | null {
  if (!state?.endDateTime) return null;
  const days = daysLeft(state, now) as number;
  if (days < 0)
    return `The Entra client secret expired on ${state.endDateTime.slice(0, 10)}. Create a new secret in the app registration and save it here.`;
  if (days <= EXPIRY_WARNING_DAYS)
    return `The Entra client secret expires in ${days} days (${state.endDateTime.slice(0, 10)}). Create a new secret in the app registration and save it here before then.`;
  return null;
}

/**
 * Reads the secret's end date when Application.Read.All allows it (at most once a day unless
 * forced), and remembers why when it cannot be read.
 */
export async function refreshSecretExpiry(
  kv: KeyValueStore,
  entra: EntraDirectory & EntraDirectoryExtras,
  now: number,
  force: boolean,
): Promise<SecretExpiryState> {
  const cached = await kv.get<SecretExpiryState>(STORAGE_KEYS.secretExpiry);
  if (cached && !force && now - cached.checkedAt < DAY_MS) return cached;
  let state: SecretExpiryState;
  if (!entra.secretExpiry) {
    state = {
      endDateTime: null,
      readable: false,
      message: 'This connection cannot read secret expiry dates.',
      checkedAt: now,
    };
  } else {
    try {
      const expiry = await entra.secretExpiry();
      state = expiry
        ? {
            endDateTime: expiry.endDateTime,
            readable: true,
            message: `The client secret expires on ${expiry.endDateTime.slice(0, 10)}.`,
            checkedAt: now,
          }
        : {
            endDateTime: null,
            readable: true,
            message: 'No secret of the app registration matches the stored secret, so its expiry is unknown.',
            checkedAt: now,
          };
    } catch (error) {
      if (!isSyncError(error) || error.code !== 'graph-permission-missing') throw error;
      state = {
        endDateTime: null,
        readable: false,
        message:
          'The expiry date of the client secret cannot be read: grant the optional Application.Read.All permission to get a warning 30 days before it expires.',
        checkedAt: now,
      };
    }
  }
  await kv.set(STORAGE_KEYS.secretExpiry, state);
  return state;
}
