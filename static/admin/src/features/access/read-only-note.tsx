import { Banner } from '../../ui/banner';

/** Why a Jira admin who is not a site admin sees no Save, Preview, Sync now, Approve or Import. */
const READ_ONLY_REASON = 'Only site admins can change settings or run a sync.';

/** The page-wide note for a read-only caller. */
export function ReadOnlyNote() {
  return (
    <Banner kind="info" title="View only" level="h2">
      <p>
        {READ_ONLY_REASON} As a Jira admin you can see the settings, follow runs, read the history, explain a user and
        export the settings.
      </p>
    </Banner>
  );
}

/** The same reason where an action would be, for a read-only caller. */
export function ReadOnlyHint({ what }: { what?: string }) {
  return (
    <p className="field-hint read-only-hint">
      {READ_ONLY_REASON}
      {what ? ` ${what}` : ''}
    </p>
  );
}
