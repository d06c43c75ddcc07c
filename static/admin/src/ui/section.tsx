import Heading from '@atlaskit/heading';
import type { ReactNode } from 'react';

export function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <Heading as="h2" size="medium" id={`${id}-title`}>
        {title}
      </Heading>
      {description && <p className="section-description">{description}</p>}
      {children}
    </section>
  );
}
