import fs from 'node:fs';
import path from 'node:path';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
import { load } from 'js-yaml';
import { graphEgressHosts } from '../../src/adapters/graph';
import { readManifestRules } from '../../dev/forge-runtime/manifest-rules';
import { checkScopes } from '../../dev/forge-runtime/product-scopes';
import { JIRA_OPERATION_SCOPES } from '../contract/openapi/jira-openapi';

const root = path.resolve(__dirname, '../..');
const manifestPath = path.join(root, 'manifest.yml');

interface Manifest {
  modules: Record<string, Array<Record<string, unknown>>>;
  app: { runtime: { name: string } };
  permissions: {
    scopes: Record<string, { allowImpersonation?: boolean }>;
    external: { fetch: { backend: Array<{ address: string }> } };
  };
}
const manifest = load(fs.readFileSync(manifestPath, 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it("passes Atlassian's own validator with full validation, offline", async () => {
    expect(fs.existsSync(path.join(root, 'static/admin/dist/index.html'))).toBe(true);
    const result = await ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process(manifestPath);
    expect((result.errors ?? []).filter((e) => e.level === 'error')).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('uses separate functions for the resolver, the trigger and the consumer, with long timeouts only on the last two', () => {
    const functions = new Map(manifest.modules.function?.map((f) => [f.key as string, f]));
    const page = manifest.modules['jira:adminPage']?.[0] as { resolver: { function: string }; useAsConfig: boolean };
    const trigger = manifest.modules.scheduledTrigger?.[0] as { function: string; interval: string };
    const consumer = manifest.modules.consumer?.[0] as { function: string; queue: string };
    expect(new Set([page.resolver.function, trigger.function, consumer.function]).size).toBe(3);
    expect(page.useAsConfig).toBe(true);
    expect(trigger.interval).toBe('fiveMinute');
    expect(functions.get(page.resolver.function)?.timeoutSeconds).toBeUndefined();
    expect(functions.get(consumer.function)?.timeoutSeconds).toBe(900);
    expect(manifest.app.runtime.name).toMatch(/^nodejs(22|24)\.x$/);
  });

  it('names exactly the handlers src/index.ts exports', () => {
    const exported = Object.keys(jest.requireActual<Record<string, unknown>>(path.join(root, 'src/index.ts')));
    const handlers = manifest.modules.function?.map((f) => String(f.handler).replace(/^index\./, ''));
    expect([...(handlers ?? [])].sort()).toEqual(exported.sort());
  });

  it('allows impersonation on every scope the scheduled writes need', () => {
    for (const scope of ['read:jira-user', 'manage:jira-configuration']) {
      expect(manifest.permissions.scopes[scope]?.allowImpersonation).toBe(true);
    }
    expect(manifest.permissions.scopes['storage:app']).toBeDefined();
    expect(manifest.permissions.scopes['read:email-address:jira']).toBeDefined();
  });

  it('grants a documented scope for every Jira operation the app calls through Forge, with impersonation for the scheduled writes', () => {
    // POST /user "does not support Forge apps": only the service account's API token calls it.
    const tokenOnly = new Set(['POST /rest/api/3/user']);
    const impersonated = new Set([
      'POST /rest/api/3/group',
      'POST /rest/api/3/group/user',
      'DELETE /rest/api/3/group/user',
    ]);
    const rules = readManifestRules(manifestPath);
    const gaps = Object.keys(JIRA_OPERATION_SCOPES)
      .filter((operation) => !tokenOnly.has(operation))
      .flatMap((operation) => {
        const [method, route] = operation.split(' ') as [string, string];
        const verdict = checkScopes(rules, method, route, impersonated.has(operation));
        return verdict === 'allowed' ? [] : [`${operation}: ${verdict}`];
      });
    expect(gaps).toEqual([]);
    expect(Object.keys(JIRA_OPERATION_SCOPES)).toEqual(
      expect.arrayContaining([...tokenOnly, ...impersonated, 'GET /rest/api/3/groups/picker']),
    );
  });

  it('allows egress to the login and Graph hosts of every supported cloud', () => {
    const allowed = manifest.permissions.external.fetch.backend.map(
      (b) => new URL(b.address.replace('*.', 'wildcard.')).host,
    );
    for (const host of graphEgressHosts()) expect(allowed).toContain(host);
  });
});
