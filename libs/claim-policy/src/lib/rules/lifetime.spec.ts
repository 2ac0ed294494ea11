import { createPolicy } from '../defaults';
import { evaluate } from '../evaluate';
import { toApimError } from '../mapping/apim-mapping';
import { NOW_MS, NOW_S, RS256, v2AppToken } from '../../test-support/entra-tokens';
import { MAX_NUMERIC_DATE } from './lifetime';

const DAY = 86400;

describe('lifetime rules (exp, nbf, clock skew)', () => {
  it.each<
    [
      string,
      Record<string, unknown>,
      { clockSkewSeconds?: number; requireExpirationTime?: boolean; maxTokenLifetimeSeconds?: number },
      string[],
    ]
  >([
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
    ['exp = 1e308 is malformed', { exp: 1e308 }, {}, ['ERR_TOKEN_MALFORMED']],
    [
      'exp = 1e308 is malformed even when exp is optional',
      { exp: 1e308 },
      { requireExpirationTime: false },
      ['ERR_TOKEN_MALFORMED'],
    ],
    ['exp = Infinity (JSON 1e999) is malformed', { exp: Infinity }, {}, ['ERR_TOKEN_MALFORMED']],
    ['exp at year 9999 end is a NumericDate', { exp: MAX_NUMERIC_DATE }, {}, []],
    ['exp one second after year 9999 is malformed', { exp: MAX_NUMERIC_DATE + 1 }, {}, ['ERR_TOKEN_MALFORMED']],
    ['nbf = 1e308 is malformed', { nbf: 1e308 }, {}, ['ERR_TOKEN_MALFORMED']],
    ['no lifetime bound by default, even for 1000 years', { exp: NOW_S + 1000 * 365 * 86400 }, {}, []],
    ['exp = now + max is within the bound', { exp: NOW_S + DAY }, { maxTokenLifetimeSeconds: DAY }, []],
    [
      'exp = now + max + 1 is too long',
      { exp: NOW_S + DAY + 1 },
      { maxTokenLifetimeSeconds: DAY },
      ['ERR_LIFETIME_TOO_LONG'],
    ],
    [
      'exp = now + max + skew is within the bound',
      { exp: NOW_S + DAY + 300 },
      { maxTokenLifetimeSeconds: DAY, clockSkewSeconds: 300 },
      [],
    ],
    [
      'exp = now + max + skew + 1 is too long',
      { exp: NOW_S + DAY + 301 },
      { maxTokenLifetimeSeconds: DAY, clockSkewSeconds: 300 },
      ['ERR_LIFETIME_TOO_LONG'],
    ],
    [
      'exp = now + max + 0.5 (fractional) is too long',
      { exp: NOW_S + DAY + 0.5 },
      { maxTokenLifetimeSeconds: DAY },
      ['ERR_LIFETIME_TOO_LONG'],
    ],
    [
      'exp = 1e308 is malformed, not merely too long',
      { exp: 1e308 },
      { maxTokenLifetimeSeconds: DAY },
      ['ERR_TOKEN_MALFORMED'],
    ],
    [
      'an expired token is expired, not too long',
      { exp: NOW_S - 1 },
      { maxTokenLifetimeSeconds: DAY },
      ['ERR_JWT_EXPIRED'],
    ],
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

  it('says why a date after year 9999 is malformed', () => {
    const [reason] = evaluate(createPolicy(), RS256, v2AppToken({ exp: 1e308 }), NOW_MS).reasons;
    expect(reason).toMatchObject({ code: 'ERR_TOKEN_MALFORMED', claim: 'exp', actual: 1e308 });
    expect(reason.hint).toMatch(/after 9999-12-31T23:59:59Z \(253402300799\)/);
  });

  it('refuses a too long lifetime as 401 invalid_token and as the validate-jwt failure', () => {
    const policy = createPolicy({ maxTokenLifetimeSeconds: DAY, failedStatus: 403 });
    const decision = evaluate(policy, RS256, v2AppToken({ exp: NOW_S + 30 * DAY }), NOW_MS);
    if (decision.allowed) throw new Error('expected a denial');
    const [reason] = decision.reasons;
    expect(reason).toMatchObject({ code: 'ERR_LIFETIME_TOO_LONG', claim: 'exp', actual: '2030-01-31T00:00:00.000Z' });
    expect(reason.hint).toMatch(/claims to live another 2592000 s .*longer than the allowed maximum of 86400 s/);
    expect(decision.bearer).toMatchObject({ status: 401, error: 'invalid_token' });
    expect(decision.apim).toEqual({
      status: 403,
      reason: 'JwtInvalid',
      message: 'Lifetime validation failed. The token lifetime exceeds the allowed maximum.',
    });
    expect(toApimError(policy, decision.reasons).status).toBe(403);
  });

  it.each([0, -1, Infinity, NaN])('refuses maxTokenLifetimeSeconds %s when the policy is built', (max) => {
    expect(() => createPolicy({ maxTokenLifetimeSeconds: max })).toThrow(
      /maxTokenLifetimeSeconds must be a number of seconds > 0/,
    );
  });
});
