import fs from 'node:fs';
import type { Scenario } from './scenario';
import { jsonPath, scenarioSchema } from './scenario-schema';

/** Problems listed in one error, at most this many (the first usually explains the rest). */
const PROBLEMS_SHOWN = 5;

/** Reads and checks a scenario file; a missing file, bad JSON or a wrong field is a clear error naming the file and the JSON path. */
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
    throw new Error(
      `Scenario file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return checkScenario(parsed, file);
}

/** The scenario, or an error listing where it breaks the scenario format (see README, "Scenario files"). */
export function checkScenario(value: unknown, file: string): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (result.success) return result.data as Scenario;
  const problems = result.error.issues
    .slice(0, PROBLEMS_SHOWN)
    .map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const more =
    result.error.issues.length > PROBLEMS_SHOWN ? ` (and ${result.error.issues.length - PROBLEMS_SHOWN} more)` : '';
  throw new Error(`Scenario file ${file} does not fit the scenario format: ${problems.join('; ')}${more}`);
}
