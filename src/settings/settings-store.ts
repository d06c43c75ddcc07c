import type { KeyValueStore } from '../ports/key-value-store';
import type { SecretState, SettingsView } from '../shared/resolver-contract';
import { STORAGE_KEYS } from '../engine/state/keys';
import type { Settings } from './schema';

type SecretName = 'clientSecret' | 'apiToken';
type SecretHints = Partial<Record<SecretName, string>>;

const SECRET_KEYS: Record<SecretName, string> = {
  clientSecret: STORAGE_KEYS.clientSecret,
  apiToken: STORAGE_KEYS.apiToken,
};

/** Settings as stored: the secrets are removed and kept only in secret storage. */
export type StoredSettings = Omit<Settings, 'clientSecret' | 'writeAs'> & {
  writeAs: { mode: 'runAsAdmin'; accountId: string } | { mode: 'apiToken'; email: string };
};

export function withoutSecrets(settings: Settings): StoredSettings {
  const { clientSecret: _secret, writeAs, ...rest } = settings;
  return { ...rest, writeAs: writeAs.mode === 'apiToken' ? { mode: 'apiToken', email: writeAs.email } : writeAs };
}

export async function loadSettings(kv: KeyValueStore): Promise<StoredSettings | undefined> {
  return kv.get<StoredSettings>(STORAGE_KEYS.settings);
}

/**
 * Saves settings; a secret given in `settings` replaces the stored one, an absent secret keeps it.
 * Secrets go only to secret storage; the plain store keeps the last four characters as a hint.
 */
export async function saveSettings(kv: KeyValueStore, settings: Settings): Promise<void> {
  const hints = (await kv.get<SecretHints>(STORAGE_KEYS.secretHints)) ?? {};
  const given: Partial<Record<SecretName, string>> = {
    clientSecret: settings.clientSecret,
    apiToken: settings.writeAs.mode === 'apiToken' ? settings.writeAs.apiToken : undefined,
  };
  for (const name of Object.keys(SECRET_KEYS) as SecretName[]) {
    const value = given[name];
    if (value === undefined) continue;
    await kv.setSecret(SECRET_KEYS[name], value);
    hints[name] = value.length >= 12 ? value.slice(-4) : '';
  }
  await kv.set(STORAGE_KEYS.secretHints, hints);
  await kv.set(STORAGE_KEYS.settings, withoutSecrets(settings));
}

export async function readSecret(kv: KeyValueStore, name: SecretName): Promise<string | undefined> {
  return kv.getSecret(SECRET_KEYS[name]);
}

export async function settingsView(kv: KeyValueStore): Promise<SettingsView> {
  const hints = (await kv.get<SecretHints>(STORAGE_KEYS.secretHints)) ?? {};
  const state = async (name: SecretName): Promise<SecretState> => {
    const set = (await kv.getSecret(SECRET_KEYS[name])) !== undefined;
    return { set, hint: set && hints[name] ? `…${hints[name]}` : null };
  };
  const settings = await loadSettings(kv);
  return {
    settings: settings ? (settings as unknown as Record<string, unknown>) : null,
    secrets: { clientSecret: await state('clientSecret'), apiToken: await state('apiToken') },
  };
}
