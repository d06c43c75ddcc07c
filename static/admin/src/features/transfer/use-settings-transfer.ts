import { useState } from 'react';
import type { ErrorInfo, SettingsView } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';
import { downloadText } from '../../ui/csv';

/** Export the saved settings as a file; import settings, which the server checks and saves. */
export function useSettingsTransfer(onImported: (view: SettingsView) => void) {
  const [exportError, setExportError] = useState<ErrorInfo | null>(null);
  const [exported, setExported] = useState(false);
  const [importError, setImportError] = useState<ErrorInfo | null>(null);
  const [imported, setImported] = useState(false);
  const [busy, setBusy] = useState(false);

  const doExport = async () => {
    setExportError(null);
    setExported(false);
    const res = await api.exportSettings();
    if (!res.ok) {
      setExportError(res.error);
      return;
    }
    downloadText('entra-sync-settings.json', JSON.stringify(res.data.settings, null, 2) + '\n', 'application/json');
    setExported(true);
  };

  /** Saves the settings; true when they were imported. */
  const doImport = async (settings: Record<string, unknown>): Promise<boolean> => {
    setBusy(true);
    const res = await api.importSettings({ settings });
    setBusy(false);
    if (!res.ok) {
      setImportError(res.error);
      return false;
    }
    setImported(true);
    onImported(res.data);
    return true;
  };

  return { exportError, exported, doExport, importError, setImportError, imported, setImported, busy, doImport };
}
