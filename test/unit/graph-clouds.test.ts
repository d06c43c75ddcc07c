import { GRAPH_CLOUDS, graphEgressHosts } from '../../src/adapters/graph/graph-clouds';
import { CLOUDS } from '../../src/settings/schema';

describe('GRAPH_CLOUDS', () => {
  it('covers every cloud the settings allow, each with a /.default scope on its own Graph host', () => {
    expect(Object.keys(GRAPH_CLOUDS).sort()).toEqual([...CLOUDS].sort());
    for (const cloud of Object.values(GRAPH_CLOUDS)) {
      expect(cloud.scope).toBe(`${cloud.graphBaseUrl}/.default`);
      expect(cloud.loginBaseUrl).toMatch(/^https:\/\/login\./);
      expect(cloud.portal).toMatch(/^https:\/\/portal\.azure\./);
    }
  });

  it('uses the national hosts of the facts file', () => {
    expect(GRAPH_CLOUDS.usgov.graphBaseUrl).toBe('https://graph.microsoft.us');
    expect(GRAPH_CLOUDS['usgov-dod'].graphBaseUrl).toBe('https://dod-graph.microsoft.us');
    expect(GRAPH_CLOUDS.china.graphBaseUrl).toBe('https://microsoftgraph.chinacloudapi.cn');
  });

  it('lists each egress host once', () => {
    const hosts = graphEgressHosts();
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts).toEqual(
      expect.arrayContaining([
        'login.microsoftonline.com',
        'graph.microsoft.com',
        'login.microsoftonline.us',
        'dod-graph.microsoft.us',
      ]),
    );
    expect(hosts).toHaveLength(7);
  });
});
