import { createHash } from 'node:crypto';
import type { Scenario, ScenarioJiraUser } from '../../scenario/scenario';
import { MemberSet } from './member-set';
import { stableGroupId } from './stable-group-id';

export type GroupAccessType = 'site-admin' | 'admin' | 'user';

export interface SimJiraUser extends ScenarioJiraUser {
  emailHidden: boolean;
  /**
   * Products granted when the simulator created the account (POST /user). Scenario groups name no
   * product, so the grant is recorded here rather than as a product-group membership.
   */
  products: string[];
}

export interface SimJiraGroup {
  name: string;
  groupId: string;
  /** Account IDs; a Set keeps adds idempotent. */
  members: MemberSet;
  /** The access the group grants, as group/bulk's accessType filter reports it. */
  accessType: GroupAccessType | null;
}

/** The group Jira Cloud always has; scenarios may define it, otherwise it is seeded from siteAdmins. */
export const SITE_ADMINS_GROUP = 'site-admins';

/**
 * Users and groups of one simulated Jira site. Group names are case-insensitive, as in Jira. Accounts
 * are frozen: no route the simulator serves renames or deactivates one, and a group's member order
 * is kept on that promise.
 */
export class JiraDirectoryState {
  private readonly usersById = new Map<string, SimJiraUser>();
  private readonly groupList: SimJiraGroup[] = [];
  private readonly orgAdmins: Set<string>;

  constructor(scenario: Scenario) {
    for (const user of scenario.jira.users)
      this.usersById.set(
        user.accountId,
        Object.freeze({ ...user, emailHidden: user.emailHidden ?? false, products: [] }),
      );
    this.orgAdmins = new Set(scenario.jira.orgAdmins ?? []);
    for (const group of scenario.jira.groups) {
      const accessType =
        group.accessType ??
        (group.defaultAccess ? 'user' : sameName(group.name, SITE_ADMINS_GROUP) ? 'site-admin' : null);
      this.groupList.push({
        name: group.name,
        groupId: group.groupId ?? stableGroupId(group.name),
        members: new MemberSet(group.members.filter((id) => this.usersById.has(id))),
        accessType,
      });
    }
    // scenario.jira.siteAdmins is always honoured: its accounts are members of site-admins.
    let siteAdmins = this.groupByName(SITE_ADMINS_GROUP);
    if (!siteAdmins) {
      siteAdmins = {
        name: SITE_ADMINS_GROUP,
        groupId: stableGroupId(SITE_ADMINS_GROUP),
        members: new MemberSet(),
        accessType: 'site-admin',
      };
      this.groupList.push(siteAdmins);
    }
    for (const id of scenario.jira.siteAdmins) if (this.usersById.has(id)) siteAdmins.members.add(id);
  }

  users(): SimJiraUser[] {
    return [...this.usersById.values()];
  }

  user(accountId: string): SimJiraUser | undefined {
    return this.usersById.get(accountId);
  }

  /** The active account with this email (API tokens authenticate as it). */
  activeUserByEmail(email: string): SimJiraUser | undefined {
    const wanted = email.toLowerCase();
    return this.users().find((u) => u.active && u.emailAddress.toLowerCase() === wanted);
  }

  /** Any account with this email, active or not (case-insensitive). */
  userByEmail(email: string): SimJiraUser | undefined {
    const wanted = email.toLowerCase();
    return this.users().find((u) => u.emailAddress.toLowerCase() === wanted);
  }

  groups(): SimJiraGroup[] {
    return [...this.groupList];
  }

  groupById(groupId: string): SimJiraGroup | undefined {
    return this.groupList.find((g) => g.groupId === groupId);
  }

  groupByName(name: string): SimJiraGroup | undefined {
    return this.groupList.find((g) => sameName(g.name, name));
  }

  groupsOf(accountId: string): SimJiraGroup[] {
    return this.groupList.filter((g) => g.members.has(accountId));
  }

  /** Site admin = member of a group granting site-admin access (site-admins by default). */
  isSiteAdmin(accountId: string): boolean {
    return this.groupsOf(accountId).some((g) => g.accessType === 'site-admin');
  }

  /** Administer Jira: site admins and members of admin-access groups. */
  isJiraAdmin(accountId: string): boolean {
    return this.groupsOf(accountId).some((g) => g.accessType === 'site-admin' || g.accessType === 'admin');
  }

  /** scenario.jira.orgAdmins: organization admins, the only callers allowed to create accounts. */
  isOrgAdmin(accountId: string): boolean {
    return this.orgAdmins.has(accountId);
  }

  /** Access to Jira: products granted at creation, or a product or admin access group. */
  hasJiraAccess(accountId: string): boolean {
    if ((this.user(accountId)?.products.length ?? 0) > 0) return true;
    return this.groupsOf(accountId).some((g) => g.accessType === 'user' || g.accessType === 'admin');
  }

  /** A new, active Atlassian account; its ID derives from the email so runs stay comparable. */
  createUser(emailAddress: string, products: string[]): SimJiraUser {
    const accountId = `sim-${createHash('sha1').update(`jira-sim-account:${emailAddress.toLowerCase()}`).digest('hex').slice(0, 24)}`;
    // Jira names an invited account after its email until the person sets up a profile.
    const displayName = emailAddress.split('@')[0] ?? emailAddress;
    const user: SimJiraUser = {
      accountId,
      emailAddress,
      displayName,
      active: true,
      accountType: 'atlassian',
      emailHidden: false,
      products: [...products],
    };
    this.usersById.set(accountId, Object.freeze(user));
    return user;
  }

  createGroup(name: string): SimJiraGroup {
    const group: SimJiraGroup = { name, groupId: stableGroupId(name), members: new MemberSet(), accessType: null };
    this.groupList.push(group);
    return group;
  }
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
