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
