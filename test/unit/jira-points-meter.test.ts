import { meterPoints } from '../../src/adapters/jira';
import type { HttpFetch } from '../../src/ports/http';

function answering(status: number, body: unknown): HttpFetch {
  return async () => ({
    status,
    headers: { get: () => null },
    text: async () => (body === undefined ? '' : JSON.stringify(body)),
  });
}

describe('the Jira points meter', () => {
  it('counts the base point on the answer and the objects of a successful GET once its body is read', async () => {
    const points: number[] = [];
    const fetch = meterPoints(answering(200, { isLast: true, values: [{}, {}, {}] }), (p) => points.push(p));
    const response = await fetch('/rest/api/3/group/member?groupId=g', { method: 'GET' });
    expect(points).toEqual([1]);
    expect(JSON.parse(await response.text())).toMatchObject({ isLast: true });
    await response.text();
    expect(points.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('counts a write and a refusal the base point, and a throttled or failed answer nothing', async () => {
    for (const [status, method, expected] of [
      [201, 'POST', 1],
      [404, 'GET', 1],
      [429, 'GET', 0],
      [503, 'DELETE', 0],
    ] as const) {
      let total = 0;
      const response = await meterPoints(answering(status, { errorMessages: [] }), (p) => (total += p))(
        '/rest/api/3/x',
        { method },
      );
      await response.text();
      expect(total).toBe(expected);
    }
  });
});
