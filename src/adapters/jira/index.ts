export type { CallerPermissions } from './caller-permissions';
export { createCallerPermissions } from './caller-permissions';
export type { JiraDirectoryOptions } from './jira-directory';
export { createJiraDirectory } from './jira-directory';
export type { JiraCallKind } from './jira-http';
export type { JiraWriteIdentity } from './write-identity';
export { meterPoints } from './points-meter';
