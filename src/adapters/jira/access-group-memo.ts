import type { JiraHttp } from './jira-http';

/**
 * Remembers, for one adapter instance (one invocation), the answers to group/bulk queries by
 * access type: the protected-group check and the site-admin check both list the site-admin groups,
 * and these lists do not change within an invocation.
 */
export function memoizeAccessGroupQueries(http: JiraHttp): JiraHttp {
  const answers = new Map<string, ReturnType<JiraHttp['send']>>();
  return {
    send(method, path, options) {
      if (method !== 'GET' || !path.startsWith('/rest/api/3/group/bulk?') || !path.includes('accessType='))
        return http.send(method, path, options);
      const key = `${path} ${JSON.stringify(options?.accept ?? [])}`;
      const known = answers.get(key);
      if (known) return known;
      const answer = http.send(method, path, options);
      answers.set(key, answer);
      // A failed lookup is not remembered: the next caller asks again.
      answer.catch(() => answers.delete(key));
      return answer;
    },
  };
}
