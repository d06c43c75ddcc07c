import { requestPoints } from '../../core/jira-points';
import type { HttpFetch } from '../../ports/http';

/**
 * Counts the Jira points of each request sent through `fetch` (a Forge identity's: the app or an
 * impersonated user; API-token traffic is exempt and is never metered). The base point is counted
 * when the answer arrives; a successful GET's objects when its body is read.
 */
export function meterPoints(fetch: HttpFetch, onPoints: (points: number) => void): HttpFetch {
  return async (url, init) => {
    const response = await fetch(url, init);
    const method = init?.method ?? 'GET';
    const base = requestPoints(method, response.status, undefined);
    if (base > 0) onPoints(base);
    if (method.toUpperCase() !== 'GET' || response.status < 200 || response.status >= 300) return response;
    let text: Promise<string> | undefined;
    return {
      status: response.status,
      headers: response.headers,
      text: () => {
        text ??= response.text().then((body) => {
          onPoints(requestPoints(method, response.status, parsed(body)) - base);
          return body;
        });
        return text;
      },
    };
  };
}

function parsed(body: string): unknown {
  try {
    return body.trim() === '' ? undefined : (JSON.parse(body) as unknown);
  } catch {
    return undefined;
  }
}
