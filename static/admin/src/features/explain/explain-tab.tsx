import { TextField } from '../../ui/field';
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorBanner } from '../../ui/banner';
import { ExplainResult } from './explain-result';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import { useExplain } from './use-explain';

/** Why is (or isn't) this person in a Jira group? Search by name or email. */
export function ExplainTab() {
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { answer, error, busy, ask: explain } = useExplain();

  const ask = async (q: string, entraId?: string) => {
    const res = await explain(q, entraId);
    if (res.ok) {
      // A chosen candidate's button goes away with the list: the answer takes the focus.
      if (entraId) window.requestAnimationFrame(() => document.getElementById('explain-heading')?.focus());
      return;
    }
    // A refused query is shown at the box, as the field it is about.
    const bad = res.error.fields?.find((f) => f.path === 'query');
    if (bad) {
      setProblem(`The search text ${bad.message}.`);
      document.getElementById('explain-query')?.focus();
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const q = query.trim();
    if (q.length < 2) {
      setProblem('Enter at least two characters of a name or email.');
      document.getElementById('explain-query')?.focus();
      return;
    }
    setProblem(null);
    void ask(q.slice(0, 120));
  };

  return (
    <Section
      id="explain"
      title="Explain a user"
      description="Step by step: in scope? matched to which Jira account? in which Entra groups, directly or nested? which changes were planned or applied?"
    >
      <form className="inline-form" onSubmit={onSubmit} role="search" aria-label="Explain a user">
        <div className="filter-grow">
          <TextField
            id="explain-query"
            label="Name or email"
            value={query}
            placeholder="e.g. Nina Novak or nina@contoso.com"
            error={problem ?? undefined}
            onChange={setQuery}
          />
        </div>
        <Button type="submit" appearance="primary" aria-disabled={busy}>
          {busy ? 'Looking…' : 'Explain'}
        </Button>
      </form>
      <div aria-live="polite">
        {busy && <Spinner label="Reading Entra and Jira…" />}
        {error && <ErrorBanner error={error} title="Could not explain this user" />}
        {answer && !busy && answer.candidates.length > 0 && (
          <div className="candidates">
            <p>
              {answer.candidates.length} users match “{answer.query}”. Choose one:
            </p>
            <ul className="plain-list option-list">
              {answer.candidates.map((c) => (
                <li key={c.entraId} className="option">
                  <span className="option-name">{c.displayName}</span>
                  <span className="muted">{c.identifier ?? c.entraId}</span>
                  <Button
                    appearance="subtle"
                    spacing="compact"
                    aria-label={`Explain ${c.displayName}`}
                    onClick={() => void ask(answer.query, c.entraId)}
                  >
                    Explain
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {answer && !busy && answer.candidates.length === 0 && !answer.user && (
          <p className="empty">No Entra user matches “{answer.query}”. Check the spelling, or search by email.</p>
        )}
        {answer && !busy && answer.user && <ExplainResult answer={answer} />}
      </div>
    </Section>
  );
}
