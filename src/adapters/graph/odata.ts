/** OData query building for Graph: string literals quoted safely, `$` option names left unencoded. */

/** A single-quoted OData string literal; a quote inside is doubled, so input can never end the literal. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `?$a=1&$b=2` with values percent-encoded (Graph accepts `$` literally in option names). */
export function queryString(options: Record<string, string | number>): string {
  const parts = Object.entries(options).map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Group search input: trimmed and bounded so a pasted essay cannot build a huge URL. */
export const MAX_SEARCH_LENGTH = 120;

export function normalizeSearch(query: string): string {
  return query.trim().slice(0, MAX_SEARCH_LENGTH);
}
