/**
 * Counts the app's outgoing requests by method and path shape (ids and query values dropped), by
 * wrapping the host's network (the global fetch, or the one given to the runtime). Evidence for where calls go.
 */
export class RequestTally {
  private counts = new Map<string, number>();
  private readonly original = globalThis.fetch;

  install(): void {
    globalThis.fetch = this.counted(this.original);
  }

  /** `network`, counting each request into this tally. */
  counted(network: typeof fetch): typeof fetch {
    return (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const key = `${(init?.method ?? 'GET').toUpperCase()} ${shape(url)}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      return network(input, init);
    };
  }

  /** Counts since the last call, largest first. */
  take(): Record<string, number> {
    const out = Object.fromEntries([...this.counts].sort((a, b) => b[1] - a[1]));
    this.counts = new Map();
    return out;
  }

  uninstall(): void {
    globalThis.fetch = this.original;
  }
}

function shape(url: URL): string {
  const path = decodeURIComponent(url.pathname)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}')
    .replace(/\(appId=[^)]*\)/, '(appId={id})');
  const params = [...new Set([...url.searchParams.keys()])].filter((k) =>
    ['$filter', '$deltatoken', '$skiptoken', 'accessType', 'groupName', 'startAt'].includes(k),
  );
  return params.length ? `${path}?${params.join('&')}` : path;
}
