import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';

/** A labelled Atlassian select that filters a table; '' is the "all" choice. */
export function FilterSelect<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: T | '';
  options: ReadonlyArray<{ value: T | ''; label: string }>;
  onChange: (value: T | '') => void;
}) {
  return (
    <div className="filter">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <Select<{ value: T | ''; label: string }>
        inputId={id}
        options={options}
        value={options.find((o) => o.value === value) ?? null}
        isSearchable={false}
        onChange={(o) => onChange(o ? o.value : '')}
      />
    </div>
  );
}

/** A labelled Atlassian text field that filters a table by text. */
export function FilterText({
  id,
  label,
  value,
  placeholder,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="filter filter-grow">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <Textfield
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </div>
  );
}
