import { AsyncSelect } from '@atlaskit/select';
import { useRef, useState } from 'react';
import type { ErrorInfo, GroupOption } from '../../../../../src/shared/resolver-contract';
import { call } from '../../api';
import { ErrorBanner } from '../../ui/banner';

export interface GroupChoice {
  value: string;
  label: string;
  group: GroupOption;
}

interface GroupPickerProps {
  id: string;
  label: string;
  resolver: 'searchEntraGroups' | 'searchJiraGroups';
  hint: string;
  onResults?: (groups: GroupOption[]) => void;
  isDisabled?: boolean;
}

type GroupSearchProps = GroupPickerProps &
  ({ isMulti: true; value: GroupChoice[]; onChange: (chosen: GroupChoice[]) => void } | { isMulti?: false; value: GroupChoice | null; onChange: (chosen: GroupChoice | null) => void });

const DEBOUNCE_MS = 250;

export function choiceOf(group: GroupOption): GroupChoice {
  return { value: group.id, label: group.protected ? `${group.name} (protected)` : group.name, group };
}

/**
 * An Atlassian async select over Entra or Jira groups: a real combobox (arrows move, Enter picks,
 * Escape closes), searched on the server as the admin types. Protected Jira groups are listed but
 * cannot be picked.
 */
export function GroupSearch(props: GroupSearchProps) {
  const { id, label, resolver, hint, onResults, isDisabled } = props;
  const [error, setError] = useState<ErrorInfo | null>(null);
  // The first groups are read when the list first opens, not on mount: names of chosen groups come by ID.
  const [defaults, setDefaults] = useState<GroupChoice[] | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const search = async (input: string): Promise<GroupChoice[]> => {
    const res = await call(resolver, { query: input.trim().slice(0, 120) });
    if (!res.ok) {
      setError(res.error);
      return [];
    }
    setError(null);
    onResults?.(res.data);
    return res.data.map(choiceOf);
  };

  const loadOptions = (input: string): Promise<GroupChoice[]> =>
    new Promise((resolve) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void search(input).then(resolve), DEBOUNCE_MS);
    });

  const common = {
    inputId: id,
    'aria-describedby': `${id}-hint`,
    cacheOptions: true,
    defaultOptions: defaults ?? false,
    onMenuOpen: () => {
      if (defaults === null) void search('').then(setDefaults);
    },
    loadOptions,
    isDisabled,
    isOptionDisabled: (o: GroupChoice) => o.group.protected === true,
    placeholder: resolver === 'searchEntraGroups' ? 'Type the start of a group name' : 'Type part of a group name',
    noOptionsMessage: ({ inputValue }: { inputValue: string }) => (inputValue ? `No group matches “${inputValue}”.` : 'No groups found.'),
    loadingMessage: () => 'Searching…',
  };
  return (
    <div className="group-search">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {props.isMulti ? (
        <AsyncSelect<GroupChoice, true> {...common} isMulti value={props.value} onChange={(v) => props.onChange([...v])} />
      ) : (
        <AsyncSelect<GroupChoice, false> {...common} value={props.value} onChange={(v) => props.onChange(v)} />
      )}
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && <ErrorBanner error={error} title="The group search failed" />}
    </div>
  );
}
