/** An error as the admin page and run records show it: a stable code, what happened and what to do. */
export interface ErrorInfo {
  code: string;
  message: string;
  /** For invalid settings or payloads: each bad field's path (e.g. "scope.groupIds.0") and why. */
  fields?: Array<{ path: string; message: string }>;
}
