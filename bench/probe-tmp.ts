import { BenchEnv } from './bench-env';
import { generateTenant, TENANT_PRESETS } from './tenant-generator';
import { RssSampler, collectGarbage } from './rss-sampler';
import { RequestTally } from './request-tally';
import { DEFAULT_LIMITS } from '../src/engine/run/deps';
import { groupsFor } from "./tenant-generator";
import { ensureBundle } from '../dev/forge-runtime/bundle';
async function main() {
  await ensureBundle();
  const users = Number(process.argv[2]);
  const { scenario } = generateTenant({ ...TENANT_PRESETS.realistic, users, groups: groupsFor(users), seed: 7 });
  const tally = new RequestTally();
  const env = await BenchEnv.start(scenario, { users, seed: 7, preset: 'realistic', latency: undefined, limits: { ...DEFAULT_LIMITS, stepBudgetMs: 600000 }, tally } as never);
  const sampler = new RssSampler();
  collectGarbage();
  console.error('baseline', (process.memoryUsage().heapUsed / 1048576).toFixed(0));
  const m = await env.run('preview' as never, sampler, tally);
  console.error(m.status, 'max inv heap', m.maxInvocationHeapMb.toFixed(0), m.maxHeapWhere, 'invocations', m.invocations);
  await env.close();
  process.exit(0);
}
main();
