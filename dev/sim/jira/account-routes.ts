import { jiraError } from './jira-error-response';
import { userJson } from './representations';
import type { JiraRoute } from './route-context';

/** NewUserDetails.products: "Valid products are: jira-core, jira-servicedesk, jira-product-discovery, jira-software". */
export const JIRA_PRODUCTS = ['jira-core', 'jira-servicedesk', 'jira-product-discovery', 'jira-software'];

/** The create-user description's note, answered to Forge identities. */
export const FORGE_NOT_SUPPORTED = 'This API does not support Forge apps.';
/** Simulator wording: Jira's own text for a caller who is not an organization admin is unrecorded. */
export const ORG_ADMIN_REQUIRED = 'The caller has to be an organization admin.';

/**
 * POST /rest/api/3/user {emailAddress, products}. Only an API token of an organization admin may
 * call it (asApp and impersonation are Forge, which the API "does not support"). An existing
 * account with Jira access answers 201 with that account; one without access answers 400, as the
 * description says. A new account is active and of type atlassian; its products are recorded on
 * the account, not as group memberships, because scenario groups name no product. Licence limits
 * are not simulated.
 */
export const createUser: JiraRoute = ({ request, identity, state, baseUrl }) => {
  if (identity.kind === 'app' || identity.via === 'impersonation') return jiraError(403, FORGE_NOT_SUPPORTED);
  if (!state.isOrgAdmin(identity.accountId)) return jiraError(403, ORG_ADMIN_REQUIRED);
  const { emailAddress, products } = (request.body ?? {}) as { emailAddress?: unknown; products?: unknown };
  if (typeof emailAddress !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(emailAddress))
    return jiraError(400, 'A valid emailAddress is required.');
  if (!Array.isArray(products)) return jiraError(400, 'products is required; use an empty list for no product access.');
  const invalid = products.filter((p) => typeof p !== 'string' || !JIRA_PRODUCTS.includes(p));
  if (invalid.length > 0)
    return jiraError(
      400,
      `Invalid products: ${invalid.map(String).join(', ')}. Valid products are: ${JIRA_PRODUCTS.join(', ')}.`,
    );
  if (new Set(products).size !== products.length) return jiraError(400, 'products must not repeat a product.');

  const existing = state.userByEmail(emailAddress);
  if (existing) {
    if (existing.active && state.hasJiraAccess(existing.accountId))
      return { status: 201, body: userJson(existing, baseUrl) };
    return jiraError(400, `The user with email ${emailAddress} already exists but does not have access to Jira.`);
  }
  return { status: 201, body: userJson(state.createUser(emailAddress, products as string[]), baseUrl) };
};
