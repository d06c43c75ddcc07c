import { startJiraSimulator } from '../../dev/sim/jira/jira-simulator';
import { asDemoAdmin, drive, quietDemo, startRig, startSync, successfulWrites, trustedHttps } from '../helpers';

/** The rig reaches the app as deployed and changes nothing global: its network is passed to the runtime. */
describe('the test rig', () => {
  it("records the app's Graph and Jira requests through the network it passes in, leaving the global fetch alone", async () => {
    const globalFetch = globalThis.fetch;
    const rig = await startRig(quietDemo());
    try {
      expect(globalThis.fetch).toBe(globalFetch);
      await drive(rig, await startSync(rig));
      expect(new Set(rig.requests.map((r) => r.service))).toEqual(new Set(['graph', 'jira']));
      expect(successfulWrites(rig).length).toBe(rig.jira.writeCount());
      expect(rig.requests.every((r) => r.status !== null)).toBe(true);
    } finally {
      await rig.close();
    }
    expect(globalThis.fetch).toBe(globalFetch);
  });

  it('lets a dead process reach nothing: no request, no Jira write', async () => {
    const rig = await startRig(quietDemo());
    try {
      rig.process.dead = true;
      const answer = await rig.app
        .resolve('preview', {}, asDemoAdmin)
        .catch((error: unknown) => ({ ok: false, thrown: String(error) }));
      expect(answer.ok).toBe(false);
      expect(rig.requests).toEqual([]);
      expect(rig.jira.writeCount()).toBe(0);
    } finally {
      await rig.close();
    }
  });

  it("trusts the simulators' certificate only through the fetch it hands out (the global fetch still refuses it)", async () => {
    const https = await trustedHttps();
    const jira = await startJiraSimulator(quietDemo(), { tls: https.tls });
    try {
      expect((await https.fetch(`${jira.url}/rest/api/3/serverInfo`)).status).toBeLessThan(500);
      await expect(fetch(`${jira.url}/rest/api/3/serverInfo`)).rejects.toThrow();
    } finally {
      await jira.close();
    }
  });
});
