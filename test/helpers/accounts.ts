/**
 * The Jira accounts of the scenario files (dev/scenarios/*.json) the tests act as: the one place
 * their IDs are written in test/. A test checks that the demo tenant still has them.
 */

/** The demo site admin (every scenario's `siteAdmins` and `writeAs`). */
export const DEMO_ADMIN = '5b10ac8d82e05b22cc7d0900';
/** A plain member of the demo site: neither a site admin nor a Jira admin. */
export const DEMO_MEMBER = '5b10ac8d82e05b22cc7d0001';
/** In fault-roles.json: in jira-administrators, but not a site admin (read-only on the page). */
export const JIRA_ADMIN = '5b10ac8d82e05b22cc7d0950';
/** In fault-roles.json: in jira-administrators, but the account is deactivated. */
export const DEACTIVATED_ADMIN = '5b10ac8d82e05b22cc7d0951';
/** An account no scenario has. */
export const UNKNOWN_ACCOUNT = '5b10ac8d82e05b22cc7d0999';

/** The resolver caller for the demo site admin. */
export const asDemoAdmin = { accountId: DEMO_ADMIN };
