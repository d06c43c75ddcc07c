import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import type { RunSummary } from '../../../../../src/shared/resolver-contract';
import { formatCount } from '../../ui/format';
import type { SyncRules } from './sync-plan-statement';
import { planCounts } from './sync-plan-statement';

/** Asks before a sync that removes memberships (or whose plan nobody has previewed). */
export function ConfirmSync({
  plan,
  rules,
  onConfirm,
  onCancel,
}: {
  plan: RunSummary | null;
  rules: SyncRules;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const removals = plan?.counts.removals ?? null;
  const limits = rules.removals?.enabled
    ? `Over ${formatCount(rules.removals.maxPerRun)} removals, ${rules.removals.maxPercent}% of all managed memberships or ${rules.removals.maxGroupPercent}% of one group, the run is held for approval instead.`
    : '';
  return (
    <ModalTransition>
      <Modal
        onClose={onCancel}
        width="medium"
        label={removals === null ? 'Sync without a preview?' : 'Remove memberships?'}
      >
        <ModalHeader>
          <ModalTitle appearance="warning">
            {removals === null
              ? 'Sync without a preview?'
              : `Sync and remove ${formatCount(removals)} ${removals === 1 ? 'membership' : 'memberships'}?`}
          </ModalTitle>
        </ModalHeader>
        <ModalBody>
          {plan ? (
            <p>
              The latest preview planned {planCounts(plan)}. Sync now plans again and applies what it finds then: people
              who left the chosen Entra groups lose their Jira group memberships (their accounts stay).
            </p>
          ) : (
            <p>
              Nobody has previewed this sync. It applies whatever it plans, including removing memberships of people who
              left the chosen Entra groups (their accounts stay).
            </p>
          )}
          {limits && <p>{limits}</p>}
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
          <Button appearance="warning" onClick={onConfirm}>
            {removals === null ? 'Sync without a preview' : 'Sync and remove'}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
