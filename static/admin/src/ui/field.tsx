import AkCheckbox from '@atlaskit/checkbox';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Radio } from '@atlaskit/radio';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import type { ReactNode } from 'react';

/** Atlassian form controls with the label, hint and error laid out the same way for every input. */

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/** A field's error and hint, each in an element with an ID the control points at. */
function Messages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {error && (
        <div id={`${id}-error`} className="field-error">
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      )}
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          <HelperMessage>{hint}</HelperMessage>
        </div>
      )}
    </>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className="field">
      <Label htmlFor={id}>{label}</Label>
      {children(describedBy(id, hint, error), Boolean(error))}
      <Messages id={id} hint={hint} error={error} />
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

export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  placeholder,
  disabled,
  autoComplete = 'off',
  inputMode,
}: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(described, invalid) => (
        <Textfield
          id={id}
          type={type}
          value={value}
          placeholder={placeholder}
          isDisabled={disabled}
          autoComplete={autoComplete}
          inputMode={inputMode}
          spellCheck={false}
          isInvalid={invalid}
          aria-describedby={described}
          onChange={(e) => onChange(e.currentTarget.value)}
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
  monospace?: boolean;
}

export function TextAreaField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  rows = 4,
  placeholder,
  disabled,
  monospace,
}: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(described, invalid) => (
        <TextArea
          id={id}
          value={value}
          minimumRows={rows}
          placeholder={placeholder}
          isDisabled={disabled}
          isMonospaced={monospace}
          spellCheck={false}
          isInvalid={invalid}
          aria-describedby={described}
          onChange={(e) => onChange(e.currentTarget.value)}
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
  disabled?: boolean;
}

export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
  hint,
  error,
  disabled,
}: SelectFieldProps<T>) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(described, invalid) => (
        <Select<{ value: T; label: string }>
          inputId={id}
          options={options}
          value={options.find((o) => o.value === value) ?? null}
          isInvalid={invalid}
          isDisabled={disabled}
          isSearchable={false}
          aria-describedby={described}
          onChange={(o) => o && onChange(o.value)}
        />
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
  return (
    <div className="check">
      <AkCheckbox
        id={id}
        label={label}
        isChecked={checked}
        isInvalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <Messages id={id} hint={hint} error={error} />
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
        <div className="field-error" id={errorId}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      )}
      {options.map((o) => {
        const id = `${name}-${o.value}`;
        return (
          <div className="check" key={o.value}>
            <Radio
              id={id}
              name={name}
              value={o.value}
              label={o.label}
              isChecked={value === o.value}
              aria-describedby={o.hint ? `${id}-hint` : undefined}
              onChange={() => onChange(o.value)}
            />
            {o.hint && (
              <div className="field-hint check-hint" id={`${id}-hint`}>
                <HelperMessage>{o.hint}</HelperMessage>
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
