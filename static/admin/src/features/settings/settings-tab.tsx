import type { ReactNode } from 'react';
import { ReadOnlyHint } from '../access/read-only-note';
import { useReadOnly } from '../access/read-only';
import type { FormPartProps } from './form-props';
import { SaveBar } from './save-bar';
import type { TabKey } from './tab-keys';
import type { SettingsState } from './use-settings';

interface SettingsTabProps {
  settings: SettingsState;
  tab: TabKey;
  goTo: (tab: TabKey) => void;
  withTest?: boolean;
  /** What a read-only caller is told is not offered, after the reason. */
  readOnlyHint?: string;
  /** The tab's sections, given the form they edit. */
  children: (form: FormPartProps) => ReactNode;
  /** Shown after the save bar (the connection test's result). */
  after?: ReactNode;
}

/**
 * A settings tab: its sections, every control disabled at once for a caller who may only look,
 * then Save (or why it is not offered).
 */
export function SettingsTab({ settings, tab, goTo, withTest, readOnlyHint, children, after }: SettingsTabProps) {
  const readOnly = useReadOnly();
  const { form, errors, update, view } = settings;
  if (!view) return null;
  return (
    <div>
      <fieldset className="form-lock" disabled={readOnly} aria-label={readOnly ? 'Settings (view only)' : undefined}>
        {children({ form, errors, update, secrets: view.secrets })}
      </fieldset>
      {readOnly ? (
        <ReadOnlyHint what={readOnlyHint} />
      ) : (
        <SaveBar settings={settings} tab={tab} goTo={goTo} withTest={withTest} />
      )}
      {after}
    </div>
  );
}
