/**
 * A web trigger invocation as Forge passes it to the function (headers and query values are
 * arrays), and the dynamic response the function returns (docs/change-notifications-facts.md §5).
 */
export interface WebTriggerRequest {
  method: string;
  headers: Record<string, string[]>;
  body?: string;
  queryParameters?: Record<string, string[]>;
  path?: string;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}
