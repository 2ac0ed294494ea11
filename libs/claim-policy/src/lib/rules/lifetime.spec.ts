import { createPolicy } from '../defaults';
import { evaluate } from '../evaluate';
import { NOW_MS, NOW_S, RS256, v2AppToken } from '../../test-support/entra-tokens';

describe('lifetime rules (exp, nbf, clock skew)', () => {
  it.each<[string, Record<string, unknown>, { clockSkewSeconds?: number; requireExpirationTime?: boolean }, string[]]>([
    ['exp in the future', { exp: NOW_S + 1 }, {}, []],
    ['exp == now is expired (RFC 7519: now must be before exp)', { exp: NOW_S }, {}, ['ERR_JWT_EXPIRED']],
    ['exp in the past', { exp: NOW_S - 1 }, {}, ['ERR_JWT_EXPIRED']],
    ['exp in the past but within the skew', { exp: NOW_S - 299 }, { clockSkewSeconds: 300 }, []],
    ['exp + skew == now is expired', { exp: NOW_S - 300 }, { clockSkewSeconds: 300 }, ['ERR_JWT_EXPIRED']],
    ['fractional exp', { exp: NOW_S + 0.5 }, {}, []],
    ['exp missing while required', { exp: undefined }, {}, ['ERR_EXP_MISSING']],
    ['exp null counts as missing', { exp: null }, {}, ['ERR_EXP_MISSING']],
    [
      'exp missing allowed when require-expiration-time is false',
      { exp: undefined },
      { requireExpirationTime: false },
      [],
    ],
    ['exp as a string is malformed', { exp: String(NOW_S + 60) }, {}, ['ERR_TOKEN_MALFORMED']],
    [
      'exp as a string is malformed even when exp is optional',
      { exp: 'soon' },
      { requireExpirationTime: false },
      ['ERR_TOKEN_MALFORMED'],
    ],
    ['nbf == now is valid', { nbf: NOW_S }, {}, []],
    ['nbf in the future', { nbf: NOW_S + 10 }, {}, ['ERR_JWT_NOT_YET_VALID']],
    ['nbf in the future within the skew', { nbf: NOW_S + 10 }, { clockSkewSeconds: 10 }, []],
    ['nbf beyond the skew', { nbf: NOW_S + 11 }, { clockSkewSeconds: 10 }, ['ERR_JWT_NOT_YET_VALID']],
    ['nbf absent is fine', { nbf: undefined }, {}, []],
    ['nbf as a string is malformed', { nbf: 'now' }, {}, ['ERR_TOKEN_MALFORMED']],
    ['iat in the future is not checked', { iat: NOW_S + 3600 }, {}, []],
  ])('%s', (_name, overrides, partial, expected) => {
    const decision = evaluate(createPolicy(partial), RS256, v2AppToken(overrides), NOW_MS);
    expect(decision.reasons.map((r) => r.code)).toEqual(expected);
  });

  it('accepts now as a Date or as epoch milliseconds alike', () => {
    const claims = v2AppToken({ exp: NOW_S });
    expect(evaluate(createPolicy(), RS256, claims, new Date(NOW_MS - 1)).allowed).toBe(true);
    expect(evaluate(createPolicy(), RS256, claims, NOW_MS - 1).allowed).toBe(true);
    expect(evaluate(createPolicy(), RS256, claims, new Date(NOW_MS)).allowed).toBe(false);
  });

  it('refuses an invalid now as a programming error', () => {
    expect(() => evaluate(createPolicy(), RS256, v2AppToken(), new Date('nope'))).toThrow(/now must be a valid Date/);
  });

  it('tells how long ago the token expired', () => {
    const [reason] = evaluate(createPolicy(), RS256, v2AppToken({ exp: NOW_S - 90 }), NOW_MS).reasons;
    expect(reason).toMatchObject({
      code: 'ERR_JWT_EXPIRED',
      claim: 'exp',
      actual: '2029-12-31T23:58:30.000Z',
    });
    expect(reason.hint).toMatch(/expired 90 s ago/);
  });

  it('names clock skew as the cause of a token not valid yet', () => {
    const [reason] = evaluate(createPolicy(), RS256, v2AppToken({ nbf: NOW_S + 30 }), NOW_MS).reasons;
    expect(reason.hint).toMatch(/30 s from now.*clock/);
  });
});
