import { CLOUD_OPTIONS } from '../settings/settings-form';
import type { FormPartProps } from '../settings/form-props';
import { SelectField, TextField } from '../../ui/field';
import { SecretField } from './secret-field';
import { Section } from '../../ui/section';

export function ConnectionFields({ form, errors, update, secrets }: FormPartProps) {
  return (
    <Section
      id="connection"
      title="Microsoft Entra connection"
      description="The app registration in your tenant that reads users and groups through Microsoft Graph (application permissions User.Read.All and GroupMember.Read.All)."
    >
      <div className="grid-2">
        <TextField
          id="tenantId"
          label="Tenant ID"
          value={form.tenantId}
          onChange={(v) => update('tenantId', v)}
          error={errors.tenantId}
          placeholder="00000000-0000-0000-0000-000000000000"
          hint="Directory (tenant) ID, or a verified domain such as contoso.onmicrosoft.com."
        />
        <TextField
          id="clientId"
          label="Client ID"
          value={form.clientId}
          onChange={(v) => update('clientId', v)}
          error={errors.clientId}
          placeholder="00000000-0000-0000-0000-000000000000"
          hint="Application (client) ID of the app registration."
        />
        <SecretField
          id="clientSecret"
          label="Client secret"
          value={form.clientSecret}
          stored={secrets.clientSecret}
          onChange={(v) => update('clientSecret', v)}
          error={errors.clientSecret}
        />
        <SelectField
          id="cloud"
          label="Cloud"
          value={form.cloud}
          options={CLOUD_OPTIONS}
          error={errors.cloud}
          onChange={(v) => update('cloud', v)}
          hint="Where the tenant lives."
        />
      </div>
    </Section>
  );
}
