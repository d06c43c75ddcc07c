import fs from 'node:fs';
import type { Scenario } from './scenario';

/** Reads a scenario file; a missing file or bad JSON is a clear error, not a stack trace. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`Cannot read scenario file ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Scenario file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const s = parsed as Partial<Scenario>;
  if (!s || typeof s !== 'object' || !s.entra || !Array.isArray(s.entra.users) || !Array.isArray(s.entra.groups) || !s.jira || !Array.isArray(s.jira.users) || !Array.isArray(s.jira.groups) || !s.settings) {
    throw new Error(`Scenario file ${file} must have entra.users, entra.groups, jira.users, jira.groups and settings`);
  }
  s.jira.siteAdmins ??= [];
  return s as Scenario;
}
