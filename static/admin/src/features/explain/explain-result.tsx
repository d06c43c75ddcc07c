import { DataTable } from '../../ui/data-table';
import type { TargetState, UserExplanation } from '../../../../../src/shared/resolver-contract';
import { TARGET_STATE_TEXT } from '../../../../../src/shared/target-states';
import { runStage } from '../runs/run-stage';
import { OP_LABELS, ResultLozenge } from '../runs/run-changes';
import { OutcomeLozenge } from '../runs/run-users';

/** The step-by-step answer: in scope? matched? which groups (with nesting) and which changes? */
export function ExplainResult({ answer }: { answer: UserExplanation }) {
  const { user, steps, groups } = answer;
  const stage = answer.run ? runStage(answer.run) : 'done';
  return (
    <div className="explain-result">
      {user && (
        <div className="user-card">
          <h3 className="subheading" id="explain-heading" tabIndex={-1}>
            {user.displayName}
          </h3>
          <p className="muted">
            {user.identifier ?? 'No identifier'} · Entra ID <code>{user.entraId}</code>
            {user.accountId && (
              <>
                {' '}
                · Jira account <code>{user.accountId}</code>
              </>
            )}
          </p>
          <p>
            <OutcomeLozenge outcome={user.outcome} stage={stage} /> {user.reason}
          </p>
        </div>
      )}
      <ol className="steps" aria-label="Steps">
        {steps.map((s, i) => (
          <li key={i} className={`step ${s.ok ? 'step-ok' : 'step-fail'}`}>
            <span className="step-mark" aria-hidden="true">
              {s.ok ? '✓' : '✗'}
            </span>
            <div>
              <p className="step-title">
                <span className="visually-hidden">{s.ok ? 'Passed: ' : 'Stopped here: '}</span>
                {s.title}
              </p>
              <p className="muted">{s.detail}</p>
            </div>
          </li>
        ))}
      </ol>
      {groups.length > 0 && (
        <div className="table-scroll">
          <DataTable
            label="Groups"
            columns={[
              { key: 'jira', label: 'Jira group' },
              { key: 'path', label: 'Through Entra groups' },
              { key: 'state', label: 'State' },
              { key: 'changes', label: 'Changes' },
            ]}
            rows={groups.map((g) => ({
              key: g.jiraGroup,
              cells: {
                jira: g.jiraGroup,
                path: (g.path.length > 0 ? g.path : [g.entraGroup]).join(' › '),
                state: TARGET_STATE_TEXT[g.state as TargetState]?.label ?? g.state,
                changes:
                  g.planned.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="plain-list">
                      {g.planned.map((c, i) => (
                        <li key={i}>
                          {OP_LABELS[c.op] ?? c.op} <ResultLozenge result={c.result} stage={stage} />
                        </li>
                      ))}
                    </ul>
                  ),
              },
            }))}
          />
        </div>
      )}
      <p className="muted small">
        {answer.runId
          ? `Based on run ${answer.runId}.`
          : 'No run yet: the answer is based on a fresh read only. Preview to see planned changes.'}
      </p>
    </div>
  );
}
