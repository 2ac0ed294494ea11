import { createPolicy } from '../defaults';
import { evaluate } from '../evaluate';
import { NOW_MS, OTHER_TENANT, RS256, TENANT, V1_ISSUER, V2_ISSUER, v2AppToken } from '../../test-support/entra-tokens';

describe('issuer rule', () => {
  const decide = (issuers: string[], iss: unknown) =>
    evaluate(createPolicy({ issuers }), RS256, v2AppToken({ iss }), NOW_MS);

  it.each<[string, string[], unknown, boolean]>([
    ['exact match', [V2_ISSUER], V2_ISSUER, true],
    ['any configured issuer matches', [V1_ISSUER, V2_ISSUER], V2_ISSUER, true],
    ['no issuers configured: not checked', [], 'https://anyone/', true],
    ['trailing slash matters', [V2_ISSUER], `${V2_ISSUER}/`, false],
    ['case matters', [V2_ISSUER], V2_ISSUER.toUpperCase(), false],
    ['missing iss', [V2_ISSUER], undefined, false],
    ['non-string iss', [V2_ISSUER], 42, false],
  ])('%s', (_name, issuers, iss, allowed) => {
    const decision = decide(issuers, iss);
    expect(decision.allowed).toBe(allowed);
    if (!allowed)
      expect(decision.reasons[0]).toMatchObject({
        code: 'ERR_ISS_MISMATCH',
        claim: 'iss',
        expected: issuers,
      });
  });

  it.each<[string, string[], string, RegExp]>([
    [
      'v1 token, only the v2 issuer configured',
      [V2_ISSUER],
      V1_ISSUER,
      /iss is the v1 form .* token version mismatch.*Entra preset/,
    ],
    ['v2 token, only the v1 issuer configured', [V1_ISSUER], V2_ISSUER, /iss is the v2 form .* token version mismatch/],
    [
      'another tenant',
      [V2_ISSUER],
      `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
      new RegExp(`tenant ${OTHER_TENANT}, not .*${TENANT}`),
    ],
    ['trailing slash', [V2_ISSUER], `${V2_ISSUER}/`, /only by case or a trailing slash/],
    [
      'another host, same tenant and version',
      [V2_ISSUER],
      `https://localhost:5443/${TENANT}/v2.0`,
      /issued by https:\/\/localhost:5443/,
    ],
    ['a non-Entra issuer', [V2_ISSUER], 'https://accounts.google.com', /another identity provider/],
    ['no iss claim', [V2_ISSUER], undefined as unknown as string, /no iss claim/],
  ])('hint: %s', (_name, issuers, iss, hint) => {
    expect(decide(issuers, iss).reasons[0].hint).toMatch(hint);
  });
});
