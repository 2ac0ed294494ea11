import { createPolicy } from '../defaults';
import { evaluate } from '../evaluate';
import { CLIENT_ID, NOW_MS, OTHER_CLIENT_ID, RS256, v1AppToken, v2AppToken } from '../../test-support/entra-tokens';
import type { Claims } from '../model';

describe('client rule (allowedClientIds on azp or appid)', () => {
  const decide = (allowedClientIds: string[], claims: Claims) =>
    evaluate(createPolicy({ allowedClientIds }), RS256, claims, NOW_MS);

  it.each<[string, string[], Claims, boolean]>([
    ['v2 token: azp allowed', [CLIENT_ID], v2AppToken(), true],
    ['v1 token: appid allowed', [CLIENT_ID], v1AppToken(), true],
    ['GUIDs compare case-insensitively', [CLIENT_ID.toUpperCase()], v2AppToken(), true],
    ['no allowed clients: not checked', [], v2AppToken({ azp: undefined }), true],
    ['v2 token from another client', [OTHER_CLIENT_ID], v2AppToken(), false],
    ['v1 token from another client', [OTHER_CLIENT_ID], v1AppToken(), false],
    ['neither azp nor appid', [CLIENT_ID], v2AppToken({ azp: undefined }), false],
    ['v1 token: appid wins over a stray azp', [CLIENT_ID], v1AppToken({ azp: OTHER_CLIENT_ID }), true],
  ])('%s', (_name, allowed, claims, expected) => {
    expect(decide(allowed, claims).allowed).toBe(expected);
  });

  it('reports the client and the claim it came from', () => {
    const [reason] = decide([OTHER_CLIENT_ID], v1AppToken()).reasons;
    expect(reason).toMatchObject({
      code: 'ERR_CLIENT_NOT_ALLOWED',
      claim: 'appid',
      actual: CLIENT_ID,
      expected: [OTHER_CLIENT_ID],
    });
    expect(reason.hint).toMatch(/client .* \(from appid\) is not an allowed client application/);
  });

  it('says when the token names no client', () => {
    const [reason] = decide([CLIENT_ID], v2AppToken({ azp: undefined })).reasons;
    expect(reason).toMatchObject({
      code: 'ERR_CLIENT_NOT_ALLOWED',
      claim: 'azp',
      actual: undefined,
    });
    expect(reason.hint).toMatch(/neither azp nor appid/);
  });
});
