import type { EntraUser } from '../../../core/model';

/** A page of one chosen group's flattened users as stored between steps (with its nested groups when known). */
export interface MemberPage {
  groupId: string;
  users: EntraUser[];
  groupIds?: string[];
}
