import { TextAreaField } from '../../ui/field';
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { SettingsView } from '../../../../../src/shared/resolver-contract';
import { fieldOfPath } from '../settings/field-paths';
import { FIELD_LABELS } from '../settings/tab-keys';
import type { SettingChange } from '../settings/settings-diff';
import { settingsDiff } from '../settings/settings-diff';
import { Banner, ErrorBanner } from '../../ui/banner';
import { ConfirmImport } from './confirm-import';
import { ReadOnlyHint } from '../access/read-only-note';
import { Section } from '../../ui/section';
import { useSettingsTransfer } from './use-settings-transfer';
import { useReadOnly } from '../access/read-only';

/** Settings as JSON, secrets never included; import replaces the saved settings after checking them. */
export function ImportExportTab({
  onImported,
  current,
}: {
  onImported: (view: SettingsView) => void;
  current: Record<string, unknown> | null;
}) {
  const readOnly = useReadOnly();
  const [pending, setPending] = useState<{ settings: Record<string, unknown>; changes: SettingChange[] } | null>(null);
  const [text, setText] = useState('');
  const {
    exportError,
    exported,
    doExport,
    importError,
    setImportError,
    imported,
    setImported,
    busy,
    doImport: save,
  } = useSettingsTransfer(onImported);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 100_000) {
      setImportError({
        code: 'file-too-large',
        message: `${file.name} is over 100 KB: a settings file is much smaller. Choose the file "Export" saved.`,
      });
      return;
    }
    setText(await file.text());
    setImportError(null);
  };

  /** Reads the JSON and shows what it would change; nothing is saved until the admin confirms. */
  const review = () => {
    setImportError(null);
    setImported(false);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      setImportError({
        code: 'invalid-json',
        message: `This is not valid JSON: ${err instanceof Error ? err.message : String(err)}.`,
      });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setImportError({
        code: 'invalid-json',
        message: 'The file must hold one JSON object: the settings, as Export saves them.',
      });
      return;
    }
    // Accept both the bare settings object and the {settings} wrapper exportSettings answers with.
    const obj = parsed as Record<string, unknown>;
    const settings =
      'settings' in obj && typeof obj.settings === 'object' && obj.settings !== null && !('tenantId' in obj)
        ? (obj.settings as Record<string, unknown>)
        : obj;
    setPending({ settings, changes: settingsDiff(current, settings) });
  };

  const doImport = async (settings: Record<string, unknown>) => {
    const saved = await save(settings);
    setPending(null);
    if (saved) setText('');
  };

  return (
    <>
      <Section
        id="export"
        title="Export settings"
        description="Saves the settings as a JSON file. The client secret and API token are never exported."
      >
        <Button onClick={() => void doExport()}>Export settings (JSON)</Button>
        {exported && <Banner kind="success">Downloaded entra-sync-settings.json.</Banner>}
        {exportError && <ErrorBanner error={exportError} title="Could not export" />}
      </Section>
      <Section
        id="import"
        title="Import settings"
        description="Replaces the saved settings with a file from Export (for example from a test site). Secrets are kept: enter new ones on the Connection tab if needed."
      >
        {readOnly ? (
          <ReadOnlyHint what="Import is not offered." />
        ) : (
          <>
            <div className="field">
              <label className="field-label" htmlFor="import-file">
                Settings file
              </label>
              <input
                id="import-file"
                type="file"
                accept="application/json,.json"
                onChange={(e) => void readFile(e.target.files?.[0])}
              />
            </div>
            <TextAreaField
              id="import-text"
              label="Or paste the JSON"
              value={text}
              rows={10}
              monospace
              onChange={setText}
            />
            <div className="button-row">
              <Button appearance="primary" isDisabled={busy || !text.trim()} onClick={review}>
                Import
              </Button>
            </div>
            {pending && (
              <ConfirmImport
                changes={pending.changes}
                busy={busy}
                onConfirm={() => void doImport(pending.settings)}
                onCancel={() => setPending(null)}
              />
            )}
            {imported && <Banner kind="success">Settings imported and saved.</Banner>}
            {importError && (
              <ErrorBanner error={importError} title="The settings were not imported">
                {importError.fields && importError.fields.length > 0 && (
                  <ul className="field-list" aria-label="Settings to correct in the file">
                    {importError.fields.map((f, i) => {
                      const field = fieldOfPath(f.path);
                      return (
                        <li key={`${f.path}-${i}`}>
                          <code>{f.path}</code>
                          {field ? ` (${FIELD_LABELS[field]})` : ''}: {f.message}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </ErrorBanner>
            )}
          </>
        )}
      </Section>
    </>
  );
}
