import type { ScenarioEntraGroup, ScenarioEntraUser } from '../../scenario/scenario';
import type { GraphObject } from './odata-select';

/** Scenario records as Graph resources (properties the scenario does not model are null or empty). */
export function userResource(user: ScenarioEntraUser): GraphObject {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail,
    displayName: user.displayName,
    accountEnabled: user.accountEnabled,
    userType: user.userType,
    otherMails: user.otherMails ?? [],
    givenName: null,
    surname: null,
    jobTitle: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    businessPhones: [],
  };
}

export function groupResource(group: ScenarioEntraGroup): GraphObject {
  return {
    id: group.id,
    displayName: group.displayName,
    description: null,
    mail: null,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
  };
}

export const USER_TYPE = '#microsoft.graph.user';
export const GROUP_TYPE = '#microsoft.graph.group';
