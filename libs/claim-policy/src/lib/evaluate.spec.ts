import { createPolicy } from './defaults';
import { ALLOWED, deny } from './deny';
import { evaluate } from './evaluate';
import type { Claims, VerifiedHeader } from './model';
import { API_APP_ID, NOW_MS, NOW_S, RS256, V2_ISSUER, v2AppToken } from '../test-support/entra-tokens';

const strict = createPolicy({
  issuers: [V2_ISSUER],
  audiences: [API_APP_ID],
  allowedClientIds: ['someone-else'],
  requiredClaims: [{ name: 'roles', match: 'all', values: ['Echo.Admin'] }],
});

describe('evaluate', () => {
  it('allows a token that passes every rule', () => {
    const policy = createPolicy({
      issuers: [V2_ISSUER],
      audiences: [API_APP_ID],
      requiredClaims: [{ name: 'roles', match: 'all', values: ['Echo.Read'] }],
    });
    expect(evaluate(policy, RS256, v2AppToken(), NOW_MS)).toBe(ALLOWED);
    expect(ALLOWED).toEqual({ allowed: true, reasons: [] });
  });

  it('collects every failing reason, most fundamental first', () => {
    const header: VerifiedHeader = { alg: 'HS256', crit: ['x'] };
    const claims = v2AppToken({
      iss: 'https://evil/',
      aud: 'other',
      exp: NOW_S - 1,
      nbf: NOW_S + 100,
      azp: 'c',
      roles: undefined,
    });
    const decision = evaluate(strict, header, claims, NOW_MS);
    expect(decision.reasons.map((r) => r.code)).toEqual([
      'ERR_ALG_NOT_ALLOWED',
      'ERR_CRIT_UNSUPPORTED',
      'ERR_ISS_MISMATCH',
      'ERR_AUD_MISMATCH',
      'ERR_JWT_EXPIRED',
      'ERR_JWT_NOT_YET_VALID',
      'ERR_CLIENT_NOT_ALLOWED',
      'ERR_CLAIM_MISSING',
    ]);
  });

  it('ranks whose token it is (iss, aud) before whether it is still valid (exp)', () => {
    const decision = evaluate(
      strict,
      RS256,
      v2AppToken({
        aud: 'other',
        exp: NOW_S - 5,
        azp: 'someone-else',
        roles: ['Echo.Admin'],
      }),
      NOW_MS,
    );
    expect(decision.reasons.map((r) => r.code)).toEqual(['ERR_AUD_MISMATCH', 'ERR_JWT_EXPIRED']);
  });

  it('ranks a failed aud/iss required claim with the audience check, before lifetime', () => {
    const policy = createPolicy({
      requiredClaims: [{ name: 'aud', match: 'all', values: ['x'] }],
    });
    const decision = evaluate(policy, RS256, v2AppToken({ exp: NOW_S - 5 }), NOW_MS);
    expect(decision.reasons.map((r) => [r.code, r.claim])).toEqual([
      ['ERR_CLAIM_VALUE_NOT_ALLOWED', 'aud'],
      ['ERR_JWT_EXPIRED', 'exp'],
    ]);
  });

  it('is pure: frozen inputs are fine and the same inputs give the same decision', () => {
    const claims = Object.freeze(v2AppToken({ aud: 'other' })) as Claims;
    const header = Object.freeze({ ...RS256 });
    const policy = Object.freeze(strict);
    const first = evaluate(policy, header, claims, NOW_MS);
    expect(evaluate(policy, header, claims, NOW_MS)).toEqual(first);
  });

  it.each<[string, unknown, unknown]>([
    ['payload is an array', RS256, ['not', 'an', 'object']],
    ['payload is null', RS256, null],
    ['header is a string', 'RS256', v2AppToken()],
  ])('malformed: %s', (_name, header, claims) => {
    const decision = evaluate(strict, header as VerifiedHeader, claims as Claims, NOW_MS);
    expect(decision.reasons).toEqual([
      {
        code: 'ERR_TOKEN_MALFORMED',
        hint: expect.stringMatching(/not a JSON object/),
      },
    ]);
  });

  it('denials carry both mappings', () => {
    const decision = evaluate(
      createPolicy({ audiences: [API_APP_ID], failedStatus: 403 }),
      RS256,
      v2AppToken({ aud: 'x' }),
      NOW_MS,
    );
    expect(decision).toMatchObject({
      allowed: false,
      bearer: { status: 401, error: 'invalid_token' },
      apim: { status: 403, reason: 'TokenAudienceNotAllowed' },
    });
  });
});

describe('deny (caller-detected failures)', () => {
  it('orders reasons the same way evaluate does', () => {
    const decision = deny(createPolicy(), [
      { code: 'ERR_JWT_EXPIRED' },
      { code: 'ERR_SIGNATURE_INVALID' },
      { code: 'ERR_TOKEN_MISSING' },
    ]);
    expect(decision.reasons.map((r) => r.code)).toEqual([
      'ERR_TOKEN_MISSING',
      'ERR_SIGNATURE_INVALID',
      'ERR_JWT_EXPIRED',
    ]);
  });

  it('turns a signature failure into invalid_token and APIM TokenSignatureInvalid', () => {
    expect(deny(createPolicy(), [{ code: 'ERR_SIGNATURE_INVALID', hint: 'signed by another key' }])).toEqual({
      allowed: false,
      reasons: [{ code: 'ERR_SIGNATURE_INVALID', hint: 'signed by another key' }],
      bearer: {
        status: 401,
        error: 'invalid_token',
        description: 'The token signature is invalid',
        wwwAuthenticate: 'Bearer error="invalid_token", error_description="The token signature is invalid"',
      },
      apim: {
        status: 401,
        reason: 'TokenSignatureInvalid',
        message: 'Signature validation failed. Access denied.',
      },
    });
  });

  it('refuses an empty reason list', () => {
    expect(() => deny(createPolicy(), [])).toThrow(/at least one reason/);
  });
});
