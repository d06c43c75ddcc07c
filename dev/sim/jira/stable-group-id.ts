import { createHash } from 'node:crypto';

/**
 * A UUID-shaped group ID derived from the group name, so a scenario without IDs gets the same
 * IDs on every run (reports and checkpoints stay comparable between runs).
 */
export function stableGroupId(name: string): string {
  const hex = createHash('sha1').update(`jira-sim-group:${name.toLowerCase()}`).digest('hex');
  // Version 5 and RFC 4122 variant bits, as a name-based UUID would carry.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
