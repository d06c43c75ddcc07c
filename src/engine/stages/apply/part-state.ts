/** What one apply part keeps between its steps (it never writes the run record). */
export interface PartState {
  chunk: number;
  index: number;
  step: number;
  /** Consecutive retryable failures; a part that keeps failing ends with its error. */
  retries: number;
  done: boolean;
  failed: number;
  calls: { jira: number; jiraWrites: number; throttled: number };
  /** Jira points of the part's requests (absent on parts stored before points were counted). */
  points?: number;
  error: { code: string; message: string } | null;
  updatedAt: number;
}

/**
 * How far a run's parts are known finished: every part before `next` is done, and `throttled` is
 * what those parts were throttled. A finished part never runs again, so any frontier ever stored
 * stays true: two parts saving it at once can only lose progress (more reads later), never
 * correctness. A part that finishes or is throttled walks on from here, reading the few parts in
 * flight instead of every part (which made a fan-out's reads grow with the square of its parts).
 */
export interface PartsFrontier {
  next: number;
  throttled: number;
}
