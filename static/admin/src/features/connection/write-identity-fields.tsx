import type { ConnectionReport } from '../../../../../src/shared/resolver-contract';
import type { FormPartProps } from '../settings/form-props';
import { WriteIdentityHealth } from './write-identity-health';
import { RadioGroup, TextField } from '../../ui/field';
import { SecretField } from './secret-field';
import { Section } from '../../ui/section';

export function WriteIdentityFields({
  form,
  errors,
  update,
  secrets,
  report,
}: FormPartProps & { report: ConnectionReport | null }) {
  return (
    <Section
      id="write-identity"
      title="Write identity"
      description="Creating Jira groups and changing memberships needs a site admin. Choose who the app acts as."
    >
      <RadioGroup
        name="writeMode"
        legend="Act in Jira as"
        value={form.writeMode}
        error={errors.writeMode}
        onChange={(v) => update('writeMode', v)}
        options={[
          {
            value: 'runAsAdmin',
            label: 'Run as a site admin',
            hint: 'Manual runs act as you; scheduled runs act as the site admin named below. Their reads and writes count against the app’s Jira points: one hourly pool shared by every site the app is installed on.',
          },
          {
            value: 'apiToken',
            label: 'Service account API token',
            hint: 'A dedicated account and its API token; needed to create Atlassian accounts. Its requests are exempt from Jira’s points, so runs do not spend the app’s shared hourly pool.',
          },
        ]}
      />
      {form.writeMode === 'runAsAdmin' ? (
        <div className="grid-2">
          <TextField
            id="accountId"
            label="Site admin account ID"
            value={form.accountId}
            onChange={(v) => update('accountId', v)}
            error={errors.accountId}
            placeholder="Atlassian account ID"
            hint="The Atlassian account ID used for scheduled runs (from the user's profile URL)."
          />
        </div>
      ) : (
        <div className="grid-2">
          <TextField
            id="email"
            label="Service account email"
            type="email"
            inputMode="email"
            value={form.email}
            onChange={(v) => update('email', v)}
            error={errors.email}
            placeholder="entra-sync@example.com"
          />
          <SecretField
            id="apiToken"
            label="API token"
            value={form.apiToken}
            stored={secrets.apiToken}
            onChange={(v) => update('apiToken', v)}
            error={errors.apiToken}
          />
        </div>
      )}
      <WriteIdentityHealth identity={report?.writeIdentity ?? null} />
    </Section>
  );
}
