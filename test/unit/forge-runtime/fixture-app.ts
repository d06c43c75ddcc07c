import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A tiny hand-written "bundle" and manifest for testing the local Forge runtime itself: handlers
 * that sleep, call egress, impersonate, ask for a web trigger URL and answer a web trigger.
 */
const BUNDLE = `
const sleep = (s) => new Promise((resolve) => setTimeout(resolve, s * 1000));
exports.resolver = async ({ call }) => {
  if (call.functionKey === 'sleep') await sleep(call.payload.seconds);
  if (call.functionKey === 'egress') return (await fetch(call.payload.url)).status;
  if (call.functionKey === 'jira') {
    const { provider, accountId, method, path } = call.payload;
    const response = await global.__forge_fetch__({ type: 'fpp', provider, remote: 'jira', accountId }, path, { method });
    return { status: response.status, proxyError: response.headers.get('forge-proxy-error') };
  }
  if (call.functionKey === 'url') {
    const response = await global.__forge_fetch__({ type: 'fpp', provider: 'app', remote: 'stargate' }, '/graphql', {
      method: 'POST',
      body: JSON.stringify({ query: 'mutation { createWebTriggerUrl }', variables: { input: { triggerKey: call.payload.key } } }),
    });
    return response.json();
  }
  return { now: Date.now() };
};
exports.consumer = async (event) => {
  await sleep(event.body.seconds);
  return { handled: 'processed' };
};
exports.tick = async () => ({ statusCode: 204 });
exports.hook = async (request) => ({ statusCode: 202, headers: { 'x-method': [request.method] }, body: 'got ' + request.body + ' ' + JSON.stringify(request.queryParameters) });
`;

const MANIFEST = `
modules:
  jira:adminPage:
    - key: page
      title: Page
      resource: ui
      resolver:
        function: resolver-fn
  scheduledTrigger:
    - key: tick
      function: tick-fn
      interval: hour
  consumer:
    - key: steps
      queue: steps
      function: consumer-fn
  webtrigger:
    - key: hook
      function: hook-fn
  function:
    - key: resolver-fn
      handler: index.resolver
    - key: tick-fn
      handler: index.tick
    - key: consumer-fn
      handler: index.consumer
      timeoutSeconds: 60
    - key: hook-fn
      handler: index.hook
permissions:
  scopes:
    storage:app: {}
    manage:jira-configuration: {}
  external:
    fetch:
      backend:
        - address: https://graph.microsoft.com
`;

export function writeFixtureApp(): { bundle: string; manifest: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-runtime-fixture-'));
  fs.writeFileSync(path.join(dir, 'index.cjs'), BUNDLE);
  fs.writeFileSync(path.join(dir, 'manifest.yml'), MANIFEST);
  return { bundle: path.join(dir, 'index.cjs'), manifest: path.join(dir, 'manifest.yml') };
}
