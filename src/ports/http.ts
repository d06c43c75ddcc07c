/**
 * The one HTTP shape every adapter takes, so Forge's `fetch`, `requestJira` and Node's `fetch`
 * can all be injected. Only the fields the adapters read are required.
 */
export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export type HttpFetch = (url: string, init?: HttpRequest) => Promise<HttpResponse>;
