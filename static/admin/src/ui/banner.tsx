import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../../src/shared/resolver-contract';
import { fixFor } from '../error-fixes';

export type BannerKind = 'error' | 'warning' | 'success' | 'info';

interface BannerProps {
  kind: BannerKind;
  title?: string;
  /** The title's heading level: h2 at the top of the page, h3 inside a tab's section. */
  level?: 'h2' | 'h3' | 'h4';
  children?: ReactNode;
}

const APPEARANCE = { error: 'error', warning: 'warning', success: 'success', info: 'information' } as const;

/** An Atlassian section message; errors and warnings are announced to screen readers at once. */
export function Banner({ kind, title, level = 'h3', children }: BannerProps) {
  const urgent = kind === 'error' || kind === 'warning';
  return (
    <div className="banner" role={urgent ? 'alert' : 'status'}>
      {title ? (
        <SectionMessage appearance={APPEARANCE[kind]} title={title} headingLevel={level}>
          {children}
        </SectionMessage>
      ) : (
        <SectionMessage appearance={APPEARANCE[kind]}>{children}</SectionMessage>
      )}
    </div>
  );
}

/** An envelope error as the admin reads it: the message, what to do about it, and the code for support. */
export function ErrorBanner({
  error,
  title,
  level,
  children,
}: {
  error: ErrorInfo;
  title?: string;
  level?: BannerProps['level'];
  children?: ReactNode;
}) {
  const fix = fixFor(error);
  return (
    <Banner kind="error" title={title} level={level}>
      <p>
        {error.message} <code className="error-code">{error.code}</code>
      </p>
      {fix && <p className="banner-fix">How to fix: {fix}</p>}
      {children}
    </Banner>
  );
}
