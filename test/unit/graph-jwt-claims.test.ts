import { decodeJwtPayload, decodeJwtRoles } from '../../src/adapters/graph/jwt-claims';

function jwt(payload: unknown): string {
  return `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
}

describe('decodeJwtRoles', () => {
  it('reads the roles claim of an app-only token', () => {
    expect(decodeJwtRoles(jwt({ roles: ['User.Read.All', 'GroupMember.Read.All'], tid: 't' }))).toEqual([
      'User.Read.All',
      'GroupMember.Read.All',
    ]);
  });

  it('decodes base64url payloads that use - and _', () => {
    // "??>" encodes to "Pz8-" in base64url: the payload below contains both URL-safe characters.
    const token = jwt({ roles: ['Directory.Read.All'], note: '??>??~~~' });
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(decodeJwtRoles(token)).toEqual(['Directory.Read.All']);
  });

  it('returns no roles when the claim is absent (missing admin consent)', () => {
    expect(decodeJwtRoles(jwt({ tid: 't', appid: 'a' }))).toEqual([]);
  });

  it('ignores non-string roles and opaque or malformed tokens', () => {
    expect(decodeJwtRoles(jwt({ roles: ['User.Read.All', 7, null] }))).toEqual(['User.Read.All']);
    expect(decodeJwtRoles('opaque-token')).toEqual([]);
    expect(decodeJwtRoles('a.!!!not-base64-json!!!.c')).toEqual([]);
    expect(decodeJwtPayload(jwt([1, 2]))).toBeUndefined();
  });
});
