import type { SecretState } from '../../../../../src/shared/resolver-contract';
import { TextField } from '../../ui/field';

interface SecretFieldProps {
  id: string;
  label: string;
  value: string;
  stored: SecretState;
  onChange: (value: string) => void;
  error?: string;
}

function secretStatus(stored: SecretState): string {
  if (!stored.set) return 'Not set';
  if (!stored.hint) return 'Set';
  return `Set, ends with ${stored.hint.startsWith('…') ? stored.hint : `…${stored.hint}`}`;
}

/** Write-only: the stored value is never shown, only whether it is set and its last characters. */
export function SecretField({ id, label, value, stored, onChange, error }: SecretFieldProps) {
  const hint = stored.set
    ? `${secretStatus(stored)}. Leave blank to keep it; type a new one to replace it.`
    : 'Not set yet.';
  return (
    <TextField
      id={id}
      label={label}
      type="password"
      autoComplete="new-password"
      value={value}
      onChange={onChange}
      error={error}
      hint={hint}
      placeholder={stored.set ? '•••••••• (unchanged)' : ''}
    />
  );
}
