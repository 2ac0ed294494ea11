import { API_APP_ID, CLIENT_ID, TENANT, V1_ISSUER, V2_ISSUER } from '@stack/claim-policy/entra-tokens';
import { importValidateJwt } from './import-validate-jwt-xml';
import { PolicyImportError, type ImportOptions } from '@stack/claim-policy';

const CLIENTS = `<client-application-ids><application-id>${CLIENT_ID}</application-id></client-application-ids>`;
const token = (attributes: string, children = CLIENTS) =>
  `<validate-azure-ad-token tenant-id="${TENANT}" ${attributes}>${children}</validate-azure-ad-token>`;

describe('importValidateJwt: <validate-azure-ad-token>', () => {
  it('maps onto the Entra model: both issuer forms, v2 discovery, Bearer in Authorization, RS256, client ids', () => {
    expect(importValidateJwt(token(''))).toEqual({
      origin: 'validate-azure-ad-token',
      source: { headerName: 'Authorization', requireScheme: 'Bearer' },
      failedStatus: 401,
      requireExpirationTime: true,
      requireSignedTokens: true,
      clockSkewSeconds: 0,
      allowedAlgorithms: ['RS256'],
      issuers: [V2_ISSUER, V1_ISSUER],
      audiences: [],
      openIdConfigUrls: [`https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`],
      issuerSigningKeys: [],
      requiredClaims: [],
      allowedClientIds: [CLIENT_ID],
    });
  });

  it('backend-application-ids become audiences: the GUID and api://<GUID> with and without slash', () => {
    const policy = importValidateJwt(
      token(
        '',
        `<backend-application-ids><application-id>${API_APP_ID}</application-id></backend-application-ids><audiences><audience>https://contoso.com/echo</audience></audiences>`,
      ),
    );
    expect(policy.audiences).toEqual([
      'https://contoso.com/echo',
      API_APP_ID,
      `api://${API_APP_ID}`,
      `api://${API_APP_ID}/`,
    ]);
    expect(policy.allowedClientIds).toEqual([]);
  });

  it.each<[string, string, ImportOptions, object]>([
    [
      'failure attributes and id',
      'failed-validation-httpcode="403" failed-validation-error-message="Nope" id="aad"',
      {},
      { failedStatus: 403, failedMessage: 'Nope', policyId: 'aad' },
    ],
    [
      'a custom header carries the bare token (no scheme)',
      'header-name="X-Token"',
      {},
      { source: { headerName: 'X-Token' } },
    ],
    [
      'header-name Authorization keeps the Bearer scheme',
      'header-name="authorization"',
      {},
      { source: { headerName: 'authorization', requireScheme: 'Bearer' } },
    ],
    [
      'query-parameter-name',
      'query-parameter-name="access_token"',
      {},
      {
        source: { queryParameterName: 'access_token', requireScheme: 'Bearer' },
      },
    ],
    [
      'authentication-endpoint sets the authority',
      'authentication-endpoint="https://login.microsoftonline.us/"',
      {},
      {
        issuers: [`https://login.microsoftonline.us/${TENANT}/v2.0`, V1_ISSUER],
        openIdConfigUrls: [`https://login.microsoftonline.us/${TENANT}/v2.0/.well-known/openid-configuration`],
      },
    ],
    [
      'options.entra points it at the local identity service',
      'authentication-endpoint="https://login.microsoftonline.us"',
      {
        entra: {
          authorityHost: 'https://localhost:5443/',
          v1IssuerHost: 'https://localhost:5443/sts',
        },
      },
      {
        issuers: [`https://localhost:5443/${TENANT}/v2.0`, `https://localhost:5443/sts/${TENANT}/`],
      },
    ],
  ])('%s', (_name, attributes, options, expected) => {
    expect(importValidateJwt(token(attributes), options)).toMatchObject(expected);
  });

  it('resolves tenant-id from a named value', () => {
    const xml = `<validate-azure-ad-token tenant-id="{{tenant}}">${CLIENTS}</validate-azure-ad-token>`;
    expect(importValidateJwt(xml, { namedValues: { tenant: TENANT } }).issuers).toEqual([V2_ISSUER, V1_ISSUER]);
  });

  it.each<[string, string, Partial<PolicyImportError>, RegExp]>([
    [
      'no tenant-id',
      `<validate-azure-ad-token>${CLIENTS}</validate-azure-ad-token>`,
      { code: 'IMPORT_MISSING', attribute: 'tenant-id' },
      /is required/,
    ],
    [
      'a tenant domain name',
      `<validate-azure-ad-token tenant-id="contoso.onmicrosoft.com">${CLIENTS}</validate-azure-ad-token>`,
      { code: 'IMPORT_INVALID_VALUE', attribute: 'tenant-id' },
      /tenant's GUID/,
    ],
    [
      'nothing that limits who or what',
      token('', ''),
      { code: 'IMPORT_MISSING', element: 'validate-azure-ad-token' },
      /any token of the tenant would pass/,
    ],
    [
      'validate-jwt-only element',
      token('', `${CLIENTS}<issuers><issuer>x</issuer></issuers>`),
      { code: 'IMPORT_UNKNOWN_ELEMENT', element: 'issuers' },
      /supported: <client-application-ids>/,
    ],
    [
      'validate-jwt-only attribute',
      token('clock-skew="60"'),
      { code: 'IMPORT_UNKNOWN_ATTRIBUTE', attribute: 'clock-skew' },
      /is not supported here/,
    ],
    [
      'decryption keys',
      token('', `${CLIENTS}<decryption-keys><key certificate-id="c" /></decryption-keys>`),
      { code: 'IMPORT_UNSUPPORTED', element: 'decryption-keys' },
      /not supported/,
    ],
    [
      'empty client-application-ids',
      token('', '<client-application-ids />'),
      { code: 'IMPORT_MISSING', element: 'client-application-ids' },
      /at least one <application-id>/,
    ],
    [
      'bad authentication-endpoint',
      token('authentication-endpoint="login.microsoftonline.us"'),
      { code: 'IMPORT_INVALID_VALUE', attribute: 'authentication-endpoint' },
      /absolute http\(s\) URL/,
    ],
  ])('refuses %s', (_name, xml, fields, message) => {
    expect(() => importValidateJwt(xml)).toThrow(PolicyImportError);
    try {
      importValidateJwt(xml);
    } catch (error) {
      expect(error).toMatchObject(fields);
      expect((error as Error).message).toMatch(message);
    }
  });
});
