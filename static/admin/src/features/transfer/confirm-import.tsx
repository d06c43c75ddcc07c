import { DataTable } from '../../ui/data-table';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import type { SettingChange } from '../settings/settings-diff';

/** The settings an import would replace, each with its saved and new value, before anything is saved. */
export function ConfirmImport({
  changes,
  busy,
  onConfirm,
  onCancel,
}: {
  changes: SettingChange[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const title =
    changes.length === 0
      ? 'The file matches the saved settings'
      : `Replace ${changes.length} ${changes.length === 1 ? 'setting' : 'settings'}?`;
  return (
    <ModalTransition>
      <Modal onClose={onCancel} width="large" label={title}>
        <ModalHeader>
          <ModalTitle appearance={changes.length > 0 ? 'warning' : undefined}>{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          {changes.length === 0 ? (
            <p>Importing changes nothing.</p>
          ) : (
            <DataTable
              label="Settings the import changes"
              columns={[
                { key: 'path', label: 'Setting' },
                { key: 'before', label: 'Saved now' },
                { key: 'after', label: 'From the file' },
              ]}
              rows={changes.map((c) => ({
                key: c.path,
                cells: { path: <code>{c.path}</code>, before: c.before, after: c.after },
              }))}
            />
          )}
          <p>Secrets are not in the file and stay as saved.</p>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
          <Button appearance="warning" isDisabled={busy || changes.length === 0} onClick={onConfirm}>
            {busy ? 'Importing…' : 'Replace the settings'}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
