import type { ReactNode } from 'react';

/** The settings of a tab, every control disabled at once for a caller who may only look. */
export function FormLock({ readOnly, children }: { readOnly: boolean; children: ReactNode }) {
  return (
    <fieldset className="form-lock" disabled={readOnly} aria-label={readOnly ? 'Settings (view only)' : undefined}>
      {children}
    </fieldset>
  );
}
