import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../../src/shared/resolver-contract';
import { fixFor } from '../error-fixes';

export type BannerKind = 'error' | 'warning' | 'success' | 'info';

interface BannerProps {
  kind: BannerKind;
  title?: string;
  children?: ReactNode;
}

/** A coloured message box; errors and warnings are announced to screen readers at once. */
export function Banner({ kind, title, children }: BannerProps) {
  const urgent = kind === 'error' || kind === 'warning';
  return (
    <div className={`banner banner-${kind}`} role={urgent ? 'alert' : 'status'}>
      <span className="banner-icon" aria-hidden="true">
        {kind === 'error' ? '!' : kind === 'warning' ? '⚠' : kind === 'success' ? '✓' : 'i'}
      </span>
      <div className="banner-body">
        {title && <p className="banner-title">{title}</p>}
        {children}
      </div>
    </div>
  );
}

/** An envelope error as the admin reads it: the message, what to do about it, and the code for support. */
export function ErrorBanner({ error, title, children }: { error: ErrorInfo; title?: string; children?: ReactNode }) {
  const fix = fixFor(error);
  return (
    <Banner kind="error" title={title}>
      <p>
        {error.message} <code className="error-code">{error.code}</code>
      </p>
      {fix && <p className="banner-fix">How to fix: {fix}</p>}
      {children}
    </Banner>
  );
}
