import type { Reason, ReasonCode } from '../decision';
import { createPolicy } from '../defaults';
import { deny } from '../deny';

const bearerOf = (reasons: Reason[], realm?: string) => {
  const decision = deny(createPolicy({ realm }), reasons);
  if (decision.allowed) throw new Error('expected a denial');
  return decision.bearer;
};

describe('RFC 6750 mapping', () => {
  it.each<[ReasonCode, 400 | 401 | 403, string]>([
    ['ERR_TOKEN_MISSING', 401, 'Bearer'],
    ['ERR_SCHEME_MISMATCH', 401, 'Bearer'],
    [
      'ERR_REQUEST_MALFORMED',
      400,
      'Bearer error="invalid_request", error_description="Send the access token once, as Authorization: Bearer <token>"',
    ],
    ['ERR_TOKEN_MALFORMED', 401, 'Bearer error="invalid_token", error_description="The token is malformed"'],
    ['ERR_TOKEN_UNSIGNED', 401, 'Bearer error="invalid_token", error_description="The token is not signed"'],
    [
      'ERR_ALG_NOT_ALLOWED',
      401,
      'Bearer error="invalid_token", error_description="The token signing algorithm is not allowed"',
    ],
    [
      'ERR_CRIT_UNSUPPORTED',
      401,
      'Bearer error="invalid_token", error_description="The token has unsupported critical header parameters"',
    ],
    ['ERR_KEY_NOT_FOUND', 401, 'Bearer error="invalid_token", error_description="The token signing key is not known"'],
    ['ERR_SIGNATURE_INVALID', 401, 'Bearer error="invalid_token", error_description="The token signature is invalid"'],
    ['ERR_ISS_MISMATCH', 401, 'Bearer error="invalid_token", error_description="The token issuer is not accepted"'],
    ['ERR_AUD_MISMATCH', 401, 'Bearer error="invalid_token", error_description="The token audience is not accepted"'],
    ['ERR_EXP_MISSING', 401, 'Bearer error="invalid_token", error_description="The token has no expiration time"'],
    ['ERR_JWT_EXPIRED', 401, 'Bearer error="invalid_token", error_description="The token expired"'],
    ['ERR_JWT_NOT_YET_VALID', 401, 'Bearer error="invalid_token", error_description="The token is not valid yet"'],
    [
      'ERR_LIFETIME_TOO_LONG',
      401,
      'Bearer error="invalid_token", error_description="The token lifetime exceeds the allowed maximum"',
    ],
    [
      'ERR_CLIENT_NOT_ALLOWED',
      403,
      'Bearer error="insufficient_scope", error_description="The client application is not allowed"',
    ],
  ])('%s → %i %s', (code, status, header) => {
    const bearer = bearerOf([{ code }]);
    expect(bearer.status).toBe(status);
    expect(bearer.wwwAuthenticate).toBe(header);
  });

  it('a bare challenge carries no error and no description', () => {
    expect(bearerOf([{ code: 'ERR_TOKEN_MISSING' }])).toEqual({
      status: 401,
      wwwAuthenticate: 'Bearer',
    });
  });

  it('adds the realm when the policy has one', () => {
    expect(bearerOf([{ code: 'ERR_TOKEN_MISSING' }], 'echo').wwwAuthenticate).toBe('Bearer realm="echo"');
    expect(bearerOf([{ code: 'ERR_JWT_EXPIRED' }], 'echo').wwwAuthenticate).toBe(
      'Bearer realm="echo", error="invalid_token", error_description="The token expired"',
    );
  });

  it('missing roles → 403 insufficient_scope with the missing values as scope', () => {
    const bearer = bearerOf([
      {
        code: 'ERR_CLAIM_VALUE_NOT_ALLOWED',
        claim: 'roles',
        missing: ['Echo.Write', 'Echo.Admin'],
      },
    ]);
    expect(bearer).toEqual({
      status: 403,
      error: 'insufficient_scope',
      description: 'The token lacks the required app roles',
      wwwAuthenticate:
        'Bearer error="insufficient_scope", error_description="The token lacks the required app roles", scope="Echo.Write Echo.Admin"',
    });
  });

  it('no roles at all → 403 with every required role as scope', () => {
    expect(bearerOf([{ code: 'ERR_CLAIM_MISSING', claim: 'roles', missing: ['Echo.Read'] }]).wwwAuthenticate).toBe(
      'Bearer error="insufficient_scope", error_description="The token lacks the required app roles", scope="Echo.Read"',
    );
  });

  it('collects scope values from every privilege reason, once each', () => {
    const bearer = bearerOf([
      { code: 'ERR_CLAIM_MISSING', claim: 'scp', missing: ['Echo.Read'] },
      {
        code: 'ERR_CLAIM_VALUE_NOT_ALLOWED',
        claim: 'roles',
        missing: ['Echo.Read', 'Echo.Write'],
      },
      { code: 'ERR_CLAIM_MISSING', claim: 'ctry', missing: ['US'] },
    ]);
    expect(bearer.wwwAuthenticate).toBe(
      'Bearer error="insufficient_scope", error_description="The token lacks the required scopes", scope="Echo.Read Echo.Write"',
    );
  });

  it('other claims → 403 without scope, naming the claim', () => {
    expect(bearerOf([{ code: 'ERR_CLAIM_MISSING', claim: 'ctry', missing: ['US'] }]).wwwAuthenticate).toBe(
      'Bearer error="insufficient_scope", error_description="The token lacks the required claim ctry"',
    );
    expect(bearerOf([{ code: 'ERR_CLAIM_VALUE_NOT_ALLOWED', claim: 'ctry', missing: ['US'] }]).wwwAuthenticate).toBe(
      'Bearer error="insufficient_scope", error_description="The token claim ctry has no allowed value"',
    );
  });

  it('token-identity claims (aud, iss, tid, ver, idtyp) → 401 invalid_token', () => {
    for (const claim of ['aud', 'iss', 'tid', 'ver', 'idtyp']) {
      expect(bearerOf([{ code: 'ERR_CLAIM_VALUE_NOT_ALLOWED', claim }]).status).toBe(401);
    }
    expect(bearerOf([{ code: 'ERR_CLAIM_MISSING', claim: 'idtyp' }]).wwwAuthenticate).toBe(
      'Bearer error="invalid_token", error_description="The token lacks the required claim idtyp"',
    );
  });

  it('the first (most fundamental) reason decides the class', () => {
    const bearer = bearerOf([
      { code: 'ERR_CLAIM_MISSING', claim: 'roles', missing: ['Echo.Read'] },
      { code: 'ERR_AUD_MISMATCH' },
    ]);
    expect(bearer.status).toBe(401);
    expect(bearer.error).toBe('invalid_token');
  });

  it('keeps quotes, backslashes and non-ASCII out of the header', () => {
    const bearer = bearerOf(
      [
        {
          code: 'ERR_CLAIM_MISSING',
          claim: 'a"b\\c\u00e9\n',
          missing: ['x"y', 'ok', 'bad\\'],
        },
      ],
      're"alm',
    );
    expect(bearer.wwwAuthenticate).toBe(
      'Bearer realm="re\'alm", error="insufficient_scope", error_description="The token lacks the required claim a\'b?c??"',
    );
    const roles = bearerOf([
      {
        code: 'ERR_CLAIM_MISSING',
        claim: 'roles',
        missing: ['x"y', 'ok', 'bad\\', 'two words'],
      },
    ]);
    expect(roles.wwwAuthenticate).toMatch(/, scope="ok"$/);
  });
});
