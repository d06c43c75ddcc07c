import type { ReactNode } from 'react';

/** Label, control, hint and error laid out the same way for every input on the page. */

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(describedBy, Boolean(error))}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  type?: 'text' | 'password' | 'email' | 'number';
  placeholder?: string;
  disabled?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'email' | 'text';
}

export function TextField({ id, label, value, onChange, hint, error, type = 'text', placeholder, disabled, autoComplete = 'off', inputMode }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <input
          id={id}
          className="input"
          type={type}
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          autoComplete={autoComplete}
          inputMode={inputMode}
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  rows?: number;
  placeholder?: string;
  disabled?: boolean;
}

export function TextAreaField({ id, label, value, onChange, hint, error, rows = 4, placeholder, disabled }: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <textarea
          id={id}
          className="input textarea"
          value={value}
          rows={rows}
          placeholder={placeholder}
          disabled={disabled}
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

interface SelectFieldProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string;
}

export function SelectField<T extends string>({ id, label, value, options, onChange, hint, error }: SelectFieldProps<T>) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <select id={id} className="input select" value={value} aria-invalid={invalid || undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface CheckboxProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  error?: string;
}

export function Checkbox({ id, label, checked, onChange, hint, error }: CheckboxProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {error && (
        <p className="field-error check-hint" id={errorId}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint check-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

interface RadioGroupProps<T extends string> {
  name: string;
  legend: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string; hint?: string }>;
  onChange: (value: T) => void;
  error?: string;
}

export function RadioGroup<T extends string>({ name, legend, value, options, onChange, error }: RadioGroupProps<T>) {
  const errorId = error ? `${name}-error` : undefined;
  return (
    <fieldset className="radio-group" aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend className="field-label">{legend}</legend>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {options.map((o) => {
        const id = `${name}-${o.value}`;
        return (
          <div className="check" key={o.value}>
            <input id={id} type="radio" name={name} value={o.value} checked={value === o.value} aria-describedby={o.hint ? `${id}-hint` : undefined} onChange={() => onChange(o.value)} />
            <label htmlFor={id}>{o.label}</label>
            {o.hint && (
              <p className="field-hint check-hint" id={`${id}-hint`}>
                {o.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
