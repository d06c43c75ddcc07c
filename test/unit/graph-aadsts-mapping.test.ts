import { AADSTS_RULES, tokenError } from '../../src/adapters/graph/aadsts-mapping';
import { GRAPH_CLOUDS } from '../../src/adapters/graph/graph-clouds';

const context = { tenantId: 'contoso.onmicrosoft.com', clientId: 'app-123', cloud: GRAPH_CLOUDS.global };
const SECRET = 'Sup3r~Secret.Value_XYZ';

function body(code: number | string, error = 'invalid_client', description = `AADSTS${code}: text`): string {
  return JSON.stringify({ error, error_description: description, error_codes: [code] });
}

describe('AADSTS mapping', () => {
  it.each([
    [7000215, 'secret-invalid'],
    [7000222, 'secret-expired'],
    [700016, 'app-not-found'],
    [90002, 'tenant-not-found'],
    [900023, 'tenant-invalid'],
    [50196, 'token-loop-detected'],
    [90038, 'wrong-cloud'],
    [7000218, 'secret-missing'],
    [500011, 'wrong-cloud'],
  ])('AADSTS%i → %s', (code, expected) => {
    const error = tokenError(400, body(code), context, SECRET);
    expect(error.code).toBe(expected);
    expect(error.message).toContain(`AADSTS${code}`);
  });

  it('classifies on error_codes[0], not on the description text', () => {
    expect(
      tokenError(401, body(7000222, 'invalid_client', 'AADSTS7000215: misleading text'), context, SECRET).code,
    ).toBe('secret-expired');
  });

  it('keeps unknown codes as token-error with the raw error and description', () => {
    const error = tokenError(400, body(123456, 'weird_error', 'AADSTS123456: Something new.'), context, SECRET);
    expect(error.code).toBe('token-error');
    expect(error.message).toContain('weird_error');
    expect(error.message).toContain('AADSTS123456: Something new.');
    expect(error.retryable).toBe(false);
  });

  it('marks transient Entra failures retryable', () => {
    const error = tokenError(400, body(90033, 'temporarily_unavailable'), context, SECRET);
    expect(error.code).toBe('token-unavailable');
    expect(error.retryable).toBe(true);
  });

  it('handles a non-JSON body', () => {
    const error = tokenError(502, '<html>Bad gateway</html>', context, SECRET);
    expect(error.code).toBe('token-unavailable');
    expect(error.message).toContain('HTTP 502');
  });

  it('never lets the secret through, raw or URL-encoded', () => {
    const echoed = tokenError(
      400,
      body(1, 'x', `client_secret=${SECRET} or ${encodeURIComponent(SECRET)}`),
      context,
      SECRET,
    );
    expect(echoed.message).not.toContain(SECRET);
    expect(echoed.message).not.toContain(encodeURIComponent(SECRET));
    for (const rule of Object.values(AADSTS_RULES)) expect(rule.message(context)).not.toContain(SECRET);
  });

  it('gives every named rule an actionable message naming the app or tenant where relevant', () => {
    expect(AADSTS_RULES[700016]!.message(context)).toContain('app-123');
    expect(AADSTS_RULES[90002]!.message(context)).toContain('contoso.onmicrosoft.com');
    expect(AADSTS_RULES[7000215]!.message(context)).toMatch(/Value.*Secret ID/);
  });
});
