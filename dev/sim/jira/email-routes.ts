import { jiraError, unauthorized } from './jira-error-response';
import type { JiraRoute } from './route-context';

/**
 * GET /rest/api/3/user/email/bulk?accountId=…: emails regardless of profile privacy, for the app
 * only ("For Forge apps, this API only supports access via asApp()"; a user gets 401). The OpenAPI
 * document declares one UnrestrictedUserEmail object, so one account ID gets that object (what
 * jira.js's schema checks). For several IDs no shape is documented; the simulator answers a list
 * of them (as Confluence's twin endpoint documents, AccountIdEmailRecordArray), and the adapter
 * accepts both (README, Known limits). Unknown account IDs are left out.
 */
export const getEmailsInBulk: JiraRoute = ({ request, identity, state }) => {
  if (identity.kind !== 'app') return unauthorized();
  const ids = request.query.getAll('accountId');
  if (ids.length === 0) return jiraError(400, 'At least one accountId must be provided.');
  const body = [...new Set(ids)].flatMap((id) => {
    const user = state.user(id);
    return user ? [{ accountId: user.accountId, email: user.emailAddress }] : [];
  });
  if (ids.length === 1 && body[0]) return { status: 200, body: body[0] };
  return { status: 200, body };
};
