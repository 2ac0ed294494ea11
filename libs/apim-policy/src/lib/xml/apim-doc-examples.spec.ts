/**
 * Every validate-jwt / validate-azure-ad-token example of the APIM documentation (apim.md §1.8, §2)
 * loads verbatim and decides as the documentation says. The engine does not verify signatures:
 * a token here is its verified header and claims.
 */
import {
  deny,
  evaluate,
  extractToken,
  PolicyImportError,
  withDiscoveredIssuers,
  type ClaimPolicy,
  type Claims,
  type Decision,
  type ImportOptions,
  type VerifiedHeader,
} from '@stack/claim-policy';
import {
  AUTHORIZE_BY_CLAIMS,
  AZURE_AD_TOKEN_CLIENT_IDS,
  AZURE_AD_TOKEN_WITH_CLAIMS,
  ENTRA_CUSTOMER_TENANT,
  ENTRA_SINGLE_TENANT,
  ENTRA_V2_HOWTO,
  SIMPLE_TOKEN_VALIDATION,
} from '@stack/claim-policy/apim-doc-examples';
import {
  API_APP_ID,
  API_APP_ID_URI,
  CLIENT_ID,
  NOW_MS,
  NOW_S,
  OTHER_CLIENT_ID,
  OTHER_TENANT,
  TENANT,
  V1_ISSUER,
  V2_ISSUER,
  v1AppToken,
  v2AppToken,
} from '@stack/claim-policy/entra-tokens';
import { importValidateJwt } from './import-validate-jwt-xml';
import { parsePolicyXml } from './read-policy-xml';

const HOST = 'contoso.azure-api.net';
const SIGNING_KEY = Buffer.from('a-32-byte-hs256-key-for-the-docs').toString('base64');
const options: ImportOptions = {
  namedValues: {
    'jwt-signing-key': SIGNING_KEY,
    'aad-tenant-id': TENANT,
    'aad-client-application-id': CLIENT_ID,
  },
  evaluateExpression: (expression) => {
    if (expression === '@(context.Request.OriginalUrl.Host)') return HOST;
    throw new Error(`unexpected expression ${expression}`);
  },
};
const HS256: VerifiedHeader = { alg: 'HS256', typ: 'JWT' };
const RS256: VerifiedHeader = { alg: 'RS256', typ: 'JWT', kid: 'k' };
const lifetime = { iat: NOW_S - 60, nbf: NOW_S - 60, exp: NOW_S + 3600 };

/** Expected outcome: allowed, or the first reason code and the APIM message. */
type Expected = 'allowed' | [code: string, apimMessage: string];
type Row = [name: string, header: VerifiedHeader, claims: Claims, expected: Expected];

function outcome(decision: Decision): Expected {
  return decision.allowed ? 'allowed' : [decision.reasons[0].code, decision.apim.message];
}

function decideAll(policy: ClaimPolicy, rows: Row[]): void {
  it.each(rows)('%s', (_name, header, claims, expected) => {
    expect(outcome(evaluate(policy, header, claims, NOW_MS))).toEqual(expected);
  });
}

describe('Simple token validation (HS256 key as a named value, audience expression)', () => {
  const policy = importValidateJwt(SIMPLE_TOKEN_VALIDATION, options);

  it('imports', () => {
    expect(policy).toMatchObject({
      origin: 'validate-jwt',
      source: { headerName: 'Authorization', requireScheme: 'Bearer' },
      issuerSigningKeys: [{ kind: 'symmetric', base64: SIGNING_KEY }],
      allowedAlgorithms: ['HS256'],
      audiences: [HOST],
      issuers: ['http://contoso.com/'],
      failedStatus: 401,
      requireExpirationTime: true,
    });
  });

  const good = { aud: HOST, iss: 'http://contoso.com/', ...lifetime };
  decideAll(policy, [
    ['a token for the gateway host from contoso.com', HS256, good, 'allowed'],
    [
      'another issuer',
      HS256,
      { ...good, iss: 'http://fabrikam.com/' },
      ['ERR_ISS_MISMATCH', 'Issuer validation failed. Access denied.'],
    ],
    [
      'another audience',
      HS256,
      { ...good, aud: 'other.azure-api.net' },
      ['ERR_AUD_MISMATCH', 'Audience validation failed. Access denied.'],
    ],
    [
      'expired',
      HS256,
      { ...good, exp: NOW_S - 1 },
      ['ERR_JWT_EXPIRED', 'Lifetime validation failed. The token is expired. Access denied.'],
    ],
    [
      'no exp (require-expiration-time defaults to true)',
      HS256,
      { ...good, exp: undefined },
      ['ERR_EXP_MISSING', 'Lifetime validation failed. The token is missing an Expiration Time.'],
    ],
    [
      'RS256 while only an HS256 key is configured',
      RS256,
      good,
      ['ERR_ALG_NOT_ALLOWED', 'The token signing algorithm is not allowed.'],
    ],
    [
      'unsigned',
      { alg: 'none' },
      good,
      ['ERR_TOKEN_UNSIGNED', 'Unable to validate signature, token does not have a signature.'],
    ],
  ]);

  it('needs the Bearer scheme (require-scheme) and reports a missing token as "JWT not present."', () => {
    expect(
      extractToken(policy.source, {
        headers: { authorization: 'Bearer a.b.c' },
      }),
    ).toEqual({ token: 'a.b.c' });
    const bare = extractToken(policy.source, {
      headers: { authorization: 'a.b.c' },
    });
    expect('reasons' in bare && bare.reasons[0].code).toBe('ERR_SCHEME_MISMATCH');
    const none = extractToken(policy.source, { headers: {} });
    if (!('reasons' in none)) throw new Error('expected no token');
    expect(deny(policy, none.reasons)).toMatchObject({
      apim: {
        status: 401,
        message: 'JWT not present.',
        reason: 'TokenNotPresent',
      },
    });
  });

  it('a bad signature reported by the verifier maps to TokenSignatureInvalid', () => {
    expect(deny(policy, [{ code: 'ERR_SIGNATURE_INVALID' }])).toMatchObject({
      apim: {
        reason: 'TokenSignatureInvalid',
        message: 'Signature validation failed. Access denied.',
      },
    });
  });
});

describe('Token validation with RSA certificate', () => {
  const xml = SIMPLE_TOKEN_VALIDATION.replace(
    '<key>{{jwt-signing-key}}</key>  <!-- signing key specified as a named value -->',
    '<key certificate-id="my-rsa-cert" />  <!-- signing key specified as certificate ID, enclosed in double-quotes -->',
  );
  const policy = importValidateJwt(xml, options);

  it('imports the certificate reference and the asymmetric algorithms', () => {
    expect(xml).not.toEqual(SIMPLE_TOKEN_VALIDATION);
    expect(policy.issuerSigningKeys).toEqual([{ kind: 'certificate', certificateId: 'my-rsa-cert' }]);
    expect(policy.allowedAlgorithms).toEqual(['RS256', 'RS512', 'PS256']);
  });

  decideAll(policy, [
    ['RS256 token', RS256, { aud: HOST, iss: 'http://contoso.com/', ...lifetime }, 'allowed'],
    [
      'HS256 token (key confusion)',
      HS256,
      { aud: HOST, iss: 'http://contoso.com/', ...lifetime },
      ['ERR_ALG_NOT_ALLOWED', 'The token signing algorithm is not allowed.'],
    ],
  ]);
});

describe('Microsoft Entra ID single tenant (v1 openid-config, GUID audience, required claim id)', () => {
  const MESSAGE = 'Unauthorized. Access token is missing or invalid.';
  const AUDIENCE = '00001111-aaaa-2222-bbbb-3333cccc4444';
  const imported = importValidateJwt(ENTRA_SINGLE_TENANT, options);
  // <issuers> omitted: the issuer comes from the (v1) discovery document the verifier fetched.
  const policy = withDiscoveredIssuers(imported, [V1_ISSUER]);

  it('imports', () => {
    expect(imported).toMatchObject({
      failedStatus: 401,
      failedMessage: MESSAGE,
      openIdConfigUrls: ['https://login.microsoftonline.com/contoso.onmicrosoft.com/.well-known/openid-configuration'],
      audiences: [AUDIENCE],
      issuers: [],
      requiredClaims: [{ name: 'id', match: 'all', values: ['insert claim here'] }],
      allowedAlgorithms: ['RS256', 'RS512', 'PS256'],
    });
  });

  const good = v1AppToken({ aud: AUDIENCE, id: 'insert claim here' });
  decideAll(policy, [
    ['v1 token for the audience with the claim', RS256, good, 'allowed'],
    ['claim id missing', RS256, v1AppToken({ aud: AUDIENCE }), ['ERR_CLAIM_MISSING', MESSAGE]],
    ['claim id with another value', RS256, { ...good, id: 'other' }, ['ERR_CLAIM_VALUE_NOT_ALLOWED', MESSAGE]],
    ['another audience', RS256, { ...good, aud: API_APP_ID }, ['ERR_AUD_MISMATCH', MESSAGE]],
    [
      'v2 token: issuer of the v1 discovery document does not match',
      RS256,
      v2AppToken({ aud: AUDIENCE, id: 'insert claim here' }),
      ['ERR_ISS_MISMATCH', MESSAGE],
    ],
  ]);

  it('the 2022 doc (audience 25eef6e4-…) imports the same way', () => {
    const xml = ENTRA_SINGLE_TENANT.replace(AUDIENCE, '25eef6e4-c905-4a07-8eb4-0d08d5df8b3f');
    expect(importValidateJwt(xml, options).audiences).toEqual(['25eef6e4-c905-4a07-8eb4-0d08d5df8b3f']);
  });

  it('Azure AD B2C (same shape, B2C openid-config) imports', () => {
    const xml = ENTRA_SINGLE_TENANT.replace(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/.well-known/openid-configuration',
      'https://login.microsoftonline.com/tfp/contoso.onmicrosoft.com/b2c_1_signin/v2.0/.well-known/openid-configuration',
    ).replace(AUDIENCE, '11112222-bbbb-3333-cccc-4444dddd5555');
    const b2c = importValidateJwt(xml, options);
    expect(b2c.openIdConfigUrls).toEqual([
      'https://login.microsoftonline.com/tfp/contoso.onmicrosoft.com/b2c_1_signin/v2.0/.well-known/openid-configuration',
    ]);
    expect(b2c.audiences).toEqual(['11112222-bbbb-3333-cccc-4444dddd5555']);
  });
});

describe('Microsoft Entra ID customer tenant (no audiences, azp required)', () => {
  // The page's <tenant-name>/<tenant-id> placeholders are refused at load time; filled in, it imports.
  const filledIn = ENTRA_CUSTOMER_TENANT.replace('<tenant-name>', 'tenant-id').replace('<tenant-id>', 'tenant-id');
  const imported = importValidateJwt(filledIn, options);
  const issuer = 'https://tenant-id.ciamlogin.com/tenant-id/v2.0';
  const policy = withDiscoveredIssuers(imported, [issuer]);

  it('refuses the verbatim example at load time, naming the placeholder', () => {
    expect(() => importValidateJwt(ENTRA_CUSTOMER_TENANT, options)).toThrow(
      /<openid-config> attribute "url": holds the placeholder "<tenant-name>"; put your own value there/,
    );
  });

  it('imports once the placeholders are filled in, tabs included', () => {
    expect(imported).toMatchObject({
      openIdConfigUrls: ['https://tenant-id.ciamlogin.com/tenant-id/v2.0/.well-known/openid-configuration'],
      audiences: [],
      requiredClaims: [{ name: 'azp', match: 'all', values: ['insert claim here'] }],
    });
  });

  const good = {
    iss: issuer,
    aud: 'any-audience',
    azp: 'insert claim here',
    ...lifetime,
  };
  decideAll(policy, [
    ['token from the right client (aud unchecked: no <audiences>)', RS256, good, 'allowed'],
    [
      'another client',
      RS256,
      { ...good, azp: 'someone-else' },
      ['ERR_CLAIM_VALUE_NOT_ALLOWED', 'Unauthorized. Access token is missing or invalid.'],
    ],
    [
      'no azp',
      RS256,
      { ...good, azp: undefined },
      ['ERR_CLAIM_MISSING', 'Unauthorized. Access token is missing or invalid.'],
    ],
  ]);
});

describe('Authorize access to operations based on token claims (group any finance|logistics)', () => {
  const [validateJwt] = AUTHORIZE_BY_CLAIMS.split('<choose>');
  const policy = importValidateJwt(validateJwt, options);

  it('imports the validate-jwt policy', () => {
    expect(policy).toMatchObject({
      outputTokenVariableName: 'jwt',
      issuers: ['contoso.com'],
      audiences: [HOST],
      requiredClaims: [{ name: 'group', match: 'any', values: ['finance', 'logistics'] }],
    });
  });

  it('parses the whole snippet (a C# condition with nested quotes and raw &&) as APIM does', () => {
    const elements = parsePolicyXml(AUTHORIZE_BY_CLAIMS);
    expect(elements.map((element) => element.name)).toEqual(['validate-jwt', 'choose']);
    expect(elements[1].children[0].attributes['condition']).toBe(
      '@(context.Request.Method == "POST" && !((Jwt)context.Variables["jwt"]).Claims["group"].Contains("finance"))',
    );
  });

  it('refuses two policies where one validate-jwt is expected, with a clear error', () => {
    expect(() => importValidateJwt(AUTHORIZE_BY_CLAIMS, options)).toThrow(PolicyImportError);
  });

  const good = { aud: HOST, iss: 'contoso.com', ...lifetime };
  decideAll(policy, [
    ['finance', HS256, { ...good, group: 'finance' }, 'allowed'],
    ['logistics among other groups', HS256, { ...good, group: ['sales', 'logistics'] }, 'allowed'],
    [
      'sales only',
      HS256,
      { ...good, group: 'sales' },
      ['ERR_CLAIM_VALUE_NOT_ALLOWED', 'Claim group value of sales is not allowed. Access denied.'],
    ],
    [
      'no group',
      HS256,
      good,
      ['ERR_CLAIM_MISSING', 'JWT token is missing the following claims: group. Access denied.'],
    ],
  ]);
});

describe('Pre-authorize by HTTP method (policy snippet: claim edit = true)', () => {
  const xml = `<validate-jwt header-name="Authorization"><openid-config url="https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration" /><required-claims><claim name="edit"><value>true</value></claim></required-claims></validate-jwt>`;
  const policy = importValidateJwt(xml, options);
  decideAll(policy, [
    ['edit: true (JSON boolean)', RS256, { edit: true, ...lifetime }, 'allowed'],
    ['edit: "true" (string)', RS256, { edit: 'true', ...lifetime }, 'allowed'],
    [
      'edit: false',
      RS256,
      { edit: false, ...lifetime },
      ['ERR_CLAIM_VALUE_NOT_ALLOWED', 'Claim edit value of false is not allowed. Access denied.'],
    ],
  ]);
});

describe('Entra v2 how-to example (audiences api://…, v1 issuer, required claim aud = client id)', () => {
  it('is refused verbatim at load time: its openid-config URL holds the {aad-tenant} placeholder', () => {
    expect(() => importValidateJwt(ENTRA_V2_HOWTO, options)).toThrow(/holds the placeholder "\{aad-tenant\}"/);
    // The other placeholders are plain text values (an audience, an issuer, a claim value), loaded as written.
    expect(importValidateJwt(ENTRA_V2_HOWTO.replace('{aad-tenant}', TENANT), options)).toMatchObject({
      audiences: ['{audience-value - (ex:api://guid)}'],
      issuers: ['{issuer-value - (ex: https://sts.windows.net/{tenant id}/)}'],
      requiredClaims: [{ name: 'aud', match: 'all', values: ['{backend-app-client-id}'] }],
    });
  });

  // Filled in as its own comments say. <audiences> wants the App ID URI while the aud claim must be
  // the GUID: no single-aud Entra token satisfies both, and the reasons say why.
  const filled = importValidateJwt(
    ENTRA_V2_HOWTO.replace('{aad-tenant}', TENANT)
      .replace('{audience-value - (ex:api://guid)}', API_APP_ID_URI)
      .replace('{issuer-value - (ex: https://sts.windows.net/{tenant id}/)}', V1_ISSUER)
      .replace('{backend-app-client-id}', API_APP_ID),
    options,
  );
  const MESSAGE = 'Unauthorized. Access token is missing or invalid.';
  decideAll(filled, [
    [
      'v1 token (aud = App ID URI): the aud claim is not the client id',
      RS256,
      v1AppToken(),
      ['ERR_CLAIM_VALUE_NOT_ALLOWED', MESSAGE],
    ],
    ['v2 token (aud = GUID, v2 issuer): issuer and audience fail', RS256, v2AppToken(), ['ERR_ISS_MISMATCH', MESSAGE]],
    ['a token whose aud lists both forms', RS256, v1AppToken({ aud: [API_APP_ID_URI, API_APP_ID] }), 'allowed'],
  ]);

  it('explains the v1/v2 conflict in the hints', () => {
    const v1 = evaluate(filled, RS256, v1AppToken(), NOW_MS);
    expect(v1.reasons[0].hint).toMatch(/aud is the App ID URI .* v1 token/);
    const v2 = evaluate(filled, RS256, v2AppToken(), NOW_MS);
    expect(v2.reasons.map((r) => r.code)).toEqual(['ERR_ISS_MISMATCH', 'ERR_AUD_MISMATCH']);
    expect(v2.reasons[0].hint).toMatch(/iss is the v2 form .* token version mismatch/);
    expect(v2.reasons[1].hint).toMatch(/aud is the appId GUID .* v2 token/);
  });
});

describe('validate-azure-ad-token with client-application-ids', () => {
  const policy = importValidateJwt(AZURE_AD_TOKEN_CLIENT_IDS, options);

  it('imports: tenant issuers (both versions), Bearer in Authorization, allowed client', () => {
    expect(policy).toMatchObject({
      origin: 'validate-azure-ad-token',
      source: { headerName: 'Authorization', requireScheme: 'Bearer' },
      issuers: [V2_ISSUER, V1_ISSUER],
      openIdConfigUrls: [`https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`],
      allowedClientIds: [CLIENT_ID],
      audiences: [],
      allowedAlgorithms: ['RS256'],
    });
  });

  decideAll(policy, [
    ['v2 token from the client', RS256, v2AppToken(), 'allowed'],
    ['v1 token from the client (appid)', RS256, v1AppToken(), 'allowed'],
    [
      'v2 token from another client',
      RS256,
      v2AppToken({ azp: OTHER_CLIENT_ID }),
      ['ERR_CLIENT_NOT_ALLOWED', `Claim azp value of ${OTHER_CLIENT_ID} is not allowed. Access denied.`],
    ],
    [
      'v1 token from another client',
      RS256,
      v1AppToken({ appid: OTHER_CLIENT_ID }),
      ['ERR_CLIENT_NOT_ALLOWED', `Claim appid value of ${OTHER_CLIENT_ID} is not allowed. Access denied.`],
    ],
    [
      'token from another tenant',
      RS256,
      v2AppToken({
        iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
      }),
      ['ERR_ISS_MISMATCH', 'Issuer validation failed. Access denied.'],
    ],
    [
      'expired',
      RS256,
      v2AppToken({ exp: NOW_S - 10 }),
      ['ERR_JWT_EXPIRED', 'Lifetime validation failed. The token is expired. Access denied.'],
    ],
  ]);
});

describe('validate-azure-ad-token with audiences expression and required claim ctry', () => {
  const policy = importValidateJwt(AZURE_AD_TOKEN_WITH_CLAIMS, options);

  it('imports', () => {
    expect(policy).toMatchObject({
      outputTokenVariableName: 'jwt',
      allowedClientIds: [CLIENT_ID],
      audiences: [HOST],
      requiredClaims: [{ name: 'ctry', match: 'any', values: ['US'] }],
    });
  });

  decideAll(policy, [
    ['US client token for the host', RS256, v2AppToken({ aud: HOST, ctry: 'US' }), 'allowed'],
    [
      'ctry CA',
      RS256,
      v2AppToken({ aud: HOST, ctry: 'CA' }),
      ['ERR_CLAIM_VALUE_NOT_ALLOWED', 'Claim ctry value of CA is not allowed. Access denied.'],
    ],
    [
      'no ctry',
      RS256,
      v2AppToken({ aud: HOST }),
      ['ERR_CLAIM_MISSING', 'JWT token is missing the following claims: ctry. Access denied.'],
    ],
    [
      'aud is the API, not the host',
      RS256,
      v2AppToken({ ctry: 'US' }),
      ['ERR_AUD_MISMATCH', 'Audience validation failed. Access denied.'],
    ],
  ]);

  it('without an expression evaluator the audience expression is refused, naming the element', () => {
    expect(() =>
      importValidateJwt(AZURE_AD_TOKEN_WITH_CLAIMS, {
        namedValues: options.namedValues,
      }),
    ).toThrow(
      /<audience>: holds the policy expression @\(context\.Request\.OriginalUrl\.Host\), and no expression evaluator was given/,
    );
  });
});
