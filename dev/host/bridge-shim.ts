/**
 * The script the local host puts before the page's bundle. It defines `globalThis.__bridge`, the
 * object @forge/bridge talks to inside Jira, and forwards `invoke` to the host, which invokes the
 * deployed resolver function on the local Forge runtime, so the page runs unchanged. `?as=<accountId>` in the page URL acts as another user.
 */
export function bridgeShimScript(defaultAccountId: string): string {
  return `
(function () {
  var params = new URLSearchParams(location.search);
  var accountId = params.get('as') || ${JSON.stringify(defaultAccountId)};
  globalThis.__bridge = {
    callBridge: async function (name, args) {
      if (name === 'invoke') {
        var response = await fetch('/__forge/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-local-account-id': accountId },
          body: JSON.stringify({ functionKey: args.functionKey, payload: args.payload || {} })
        });
        if (!response.ok) throw new Error('The resolver failed (HTTP ' + response.status + '): ' + ((await response.json().catch(function () { return {}; })).message || ''));
        return response.json();
      }
      if (name === 'getContext') return { accountId: accountId, siteUrl: location.origin, moduleKey: 'entra-sync-admin-page', extension: { type: 'jira:adminPage' } };
      throw new Error('The local host does not emulate bridge call ' + name);
    }
  };
})();
`;
}
