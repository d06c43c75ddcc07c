import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { ErrorInfo } from '../../../../src/shared/resolver-contract';
import type { Paged } from './csv';
import { downloadText } from './csv';
import { ErrorBanner } from './banner';

interface DownloadButtonProps<T> {
  label: string;
  fileName: string;
  fetchAll: () => Promise<Paged<T>>;
  toCsv: (rows: readonly T[]) => string;
}

/** Pages through every row on the server, then saves them as a CSV file. */
export function DownloadButton<T>({ label, fileName, fetchAll, toCsv }: DownloadButtonProps<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const res = await fetchAll();
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    downloadText(fileName, toCsv(res.rows), 'text/csv;charset=utf-8');
  };
  return (
    <>
      <Button spacing="compact" isDisabled={busy} onClick={() => void run()}>
        {busy ? 'Preparing…' : label}
      </Button>
      {error && <ErrorBanner error={error} title="The download failed" />}
    </>
  );
}
