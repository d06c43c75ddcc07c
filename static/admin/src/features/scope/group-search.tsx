import Select from '@atlaskit/select';
import type { InputActionMeta } from '@atlaskit/select';
import type { GroupOption } from '../../../../../src/shared/resolver-contract';
import { ErrorBanner } from '../../ui/banner';
import type { GroupResolver } from './use-group-search';
import { useGroupSearch } from './use-group-search';

export interface GroupChoice {
  value: string;
  label: string;
  group: GroupOption;
}

interface GroupPickerProps {
  id: string;
  label: string;
  resolver: GroupResolver;
  hint: string;
  onResults?: (groups: GroupOption[]) => void;
  isDisabled?: boolean;
}

type GroupSearchProps = GroupPickerProps &
  (
    | { isMulti: true; value: GroupChoice[]; onChange: (chosen: GroupChoice[]) => void }
    | { isMulti?: false; value: GroupChoice | null; onChange: (chosen: GroupChoice | null) => void }
  );

export function choiceOf(group: GroupOption): GroupChoice {
  return { value: group.id, label: group.protected ? `${group.name} (protected)` : group.name, group };
}

/**
 * An Atlassian select over Entra or Jira groups: a real combobox (arrows move, Enter picks,
 * Escape closes), searched on the server as the admin types. Protected Jira groups are listed but
 * cannot be picked.
 */
export function GroupSearch(props: GroupSearchProps) {
  const { id, label, resolver, hint, onResults, isDisabled } = props;
  const { data, error, loading, search } = useGroupSearch(resolver, onResults);
  // While a search is out, or when it failed, no earlier answer is offered as if it were this one's.
  const options = loading || error || !data ? [] : data.map(choiceOf);

  const common = {
    inputId: id,
    'aria-describedby': `${id}-hint`,
    options,
    isLoading: loading,
    onMenuOpen: () => search((q) => q ?? ''),
    // Typing searches; the input emptied on blur or pick searches again only once the list has opened.
    onInputChange: (input: string, { action }: InputActionMeta) =>
      search((q) => (action === 'input-change' || q !== null ? input : q)),
    isDisabled,
    isOptionDisabled: (o: GroupChoice) => o.group.protected === true,
    placeholder: resolver === 'searchEntraGroups' ? 'Type the start of a group name' : 'Type part of a group name',
    noOptionsMessage: ({ inputValue }: { inputValue: string }) =>
      inputValue ? `No group matches “${inputValue}”.` : 'No groups found.',
    loadingMessage: () => 'Searching…',
  };
  return (
    <div className="group-search">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {props.isMulti ? (
        <Select<GroupChoice, true> {...common} isMulti value={props.value} onChange={(v) => props.onChange([...v])} />
      ) : (
        <Select<GroupChoice, false> {...common} value={props.value} onChange={(v) => props.onChange(v)} />
      )}
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && <ErrorBanner error={error} title="The group search failed" />}
    </div>
  );
}
