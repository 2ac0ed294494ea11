import type { ApimReason, Reason, ReasonCode } from '../decision';
import { createPolicy } from '../defaults';
import { deny } from '../deny';
import type { ClaimPolicy } from '../model';

const apimOf = (reasons: Reason[], policy: ClaimPolicy = createPolicy()) => {
  const decision = deny(policy, reasons);
  if (decision.allowed) throw new Error('expected a denial');
  return decision.apim;
};

describe('APIM mapping', () => {
  it.each<[ReasonCode, ApimReason, string]>([
    ['ERR_TOKEN_MISSING', 'TokenNotPresent', 'JWT not present.'],
    ['ERR_SCHEME_MISMATCH', 'TokenNotPresent', 'JWT not present.'],
    ['ERR_REQUEST_MALFORMED', 'JwtInvalid', 'The request carries the token more than once or in a malformed header.'],
    ['ERR_TOKEN_MALFORMED', 'JwtInvalid', 'JWT is not well formed.'],
    ['ERR_TOKEN_UNSIGNED', 'JwtInvalid', 'Unable to validate signature, token does not have a signature.'],
    ['ERR_ALG_NOT_ALLOWED', 'JwtInvalid', 'The token signing algorithm is not allowed.'],
    ['ERR_CRIT_UNSUPPORTED', 'JwtInvalid', 'The token has unsupported critical header parameters.'],
    [
      'ERR_KEY_NOT_FOUND',
      'TokenSignatureKeyNotFound',
      'Signature validation failed. Unable to match key. Access denied.',
    ],
    ['ERR_SIGNATURE_INVALID', 'TokenSignatureInvalid', 'Signature validation failed. Access denied.'],
    ['ERR_ISS_MISMATCH', 'TokenIssuerNotAllowed', 'Issuer validation failed. Access denied.'],
    ['ERR_AUD_MISMATCH', 'TokenAudienceNotAllowed', 'Audience validation failed. Access denied.'],
    ['ERR_EXP_MISSING', 'JwtInvalid', 'Lifetime validation failed. The token is missing an Expiration Time.'],
    ['ERR_JWT_EXPIRED', 'TokenExpired', 'Lifetime validation failed. The token is expired. Access denied.'],
    ['ERR_JWT_NOT_YET_VALID', 'JwtInvalid', 'Lifetime validation failed. The token is not yet valid.'],
    [
      'ERR_LIFETIME_TOO_LONG',
      'JwtInvalid',
      'Lifetime validation failed. The token lifetime exceeds the allowed maximum.',
    ],
  ])('%s → %s "%s"', (code, reason, message) => {
    expect(apimOf([{ code }])).toEqual({ status: 401, reason, message });
  });

  it('missing claims: one message naming each, in order', () => {
    const apim = apimOf([
      { code: 'ERR_CLAIM_MISSING', claim: 'roles' },
      { code: 'ERR_CLAIM_VALUE_NOT_ALLOWED', claim: 'scp', actual: 'x' },
      { code: 'ERR_CLAIM_MISSING', claim: 'ctry' },
    ]);
    expect(apim).toEqual({
      status: 401,
      reason: 'TokenClaimNotFound',
      message: 'JWT token is missing the following claims: roles, ctry. Access denied.',
    });
  });

  it('claim value not allowed: names the claim and the token value (arrays comma-separated)', () => {
    expect(
      apimOf([
        {
          code: 'ERR_CLAIM_VALUE_NOT_ALLOWED',
          claim: 'group',
          actual: 'sales',
        },
      ]).message,
    ).toBe('Claim group value of sales is not allowed. Access denied.');
    expect(
      apimOf([
        {
          code: 'ERR_CLAIM_VALUE_NOT_ALLOWED',
          claim: 'roles',
          actual: ['a', 'b'],
        },
      ]),
    ).toEqual({
      status: 401,
      reason: 'TokenClaimValueNotAllowed',
      message: 'Claim roles value of a,b is not allowed. Access denied.',
    });
  });

  it('client not allowed reads like a claim value; no client at all like a missing claim', () => {
    expect(apimOf([{ code: 'ERR_CLIENT_NOT_ALLOWED', claim: 'appid', actual: 'c1' }])).toEqual({
      status: 401,
      reason: 'TokenClaimValueNotAllowed',
      message: 'Claim appid value of c1 is not allowed. Access denied.',
    });
    expect(apimOf([{ code: 'ERR_CLIENT_NOT_ALLOWED', claim: 'azp' }])).toEqual({
      status: 401,
      reason: 'TokenClaimNotFound',
      message: 'JWT token is missing the following claims: azp. Access denied.',
    });
  });

  it('uses failed-validation-httpcode and failed-validation-error-message for every failure', () => {
    const policy = createPolicy({
      failedStatus: 403,
      failedMessage: 'Unauthorized. Access token is missing or invalid.',
    });
    expect(apimOf([{ code: 'ERR_TOKEN_MISSING' }], policy)).toEqual({
      status: 403,
      reason: 'TokenNotPresent',
      message: 'Unauthorized. Access token is missing or invalid.',
    });
    expect(apimOf([{ code: 'ERR_JWT_EXPIRED' }], policy).status).toBe(403);
  });
});
