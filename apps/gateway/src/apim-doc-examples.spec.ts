import {
  AUTHORIZE_BY_CLAIMS,
  AZURE_AD_TOKEN_CLIENT_IDS,
  AZURE_AD_TOKEN_WITH_CLAIMS,
  ENTRA_CUSTOMER_TENANT,
  ENTRA_SINGLE_TENANT,
  SIMPLE_TOKEN_VALIDATION,
} from '@stack/claim-policy/apim-doc-examples';
import { defaultRegistrations, mintToken, type MintingKey } from '@stack/testing';
import { createGateway, startGateway } from './app/gateway';
import { loadGatewayEnv } from './config/gateway-env';
import { inboundPolicy, writeExampleGatewayConfig, type WrittenGatewayConfig } from './testing/example-gateway-config';
import { startGatewayTestKit, type GatewayTestKit } from './testing/gateway-test-kit';

/**
 * The XML examples of the APIM reference (Microsoft Learn's, kept verbatim in
 * libs/claim-policy/src/test-support/apim-doc-examples.ts; a comment says what was substituted) loaded
 * by the real gateway and called over HTTP: tokens from the real identity service or minted, bodies and statuses as APIM documents them (libs/claim-policy/README.md for the
 * default messages). Each example is the inbound section of its own API, so one gateway holds them all.
 */
const { apiClient, noRoleClient } = defaultRegistrations.clients;
const { apiProxy, legacyApi } = defaultRegistrations.apis;
const TENANT_ID = defaultRegistrations.tenantId;
/** The local tenant's domain stands in for contoso.onmicrosoft.com. */
const TENANT_DOMAIN = defaultRegistrations.tenantDomain;

/** `{{jwt-signing-key}}`: a 256-bit HS256 key, Base64 in the named value as APIM wants it. */
const HS256_KEY = Buffer.from('apim-doc-examples-hs256-key-0001');
const UNAUTHORIZED = 'Unauthorized. Access token is missing or invalid.';

// §1.8 "Simple token validation", verbatim.
const SIMPLE_HS256 = SIMPLE_TOKEN_VALIDATION;

// §1.8 "Token validation with RSA certificate": the simple example with a certificate-id key.
const RSA_CERTIFICATE = SIMPLE_HS256.replace(
  '<key>{{jwt-signing-key}}</key>  <!-- signing key specified as a named value -->',
  '<key certificate-id="my-rsa-cert" />  <!-- signing key specified as certificate ID, enclosed in double-quotes -->',
);

// §1.8 "Microsoft Entra ID single tenant": contoso.onmicrosoft.com → the local tenant's domain (the gateway maps
// login.microsoftonline.com to the identity service); the placeholder audience GUID → legacyApi's appId, the `aud`
// of its v1 tokens when the client asks for `<appId>/.default`. The required claim is kept verbatim.
const ENTRA_SINGLE_TENANT_LOCAL = ENTRA_SINGLE_TENANT.replace('contoso.onmicrosoft.com', TENANT_DOMAIN).replace(
  '00001111-aaaa-2222-bbbb-3333cccc4444',
  legacyApi.appId,
);

// §1.8 customer tenant: <tenant-name>/<tenant-id> (not XML in an attribute) → contoso / a GUID. Load only.
const CUSTOMER_TENANT = ENTRA_CUSTOMER_TENANT.replace('<tenant-name>', 'contoso').replace(
  '<tenant-id>',
  '00001111-aaaa-2222-bbbb-3333cccc4444',
);

// §1.8 Azure AD B2C: the single-tenant example with the B2C openid-config and audience, verbatim. Load only.
const B2C = ENTRA_SINGLE_TENANT.replace(
  'https://login.microsoftonline.com/contoso.onmicrosoft.com/.well-known/openid-configuration',
  'https://login.microsoftonline.com/tfp/contoso.onmicrosoft.com/b2c_1_signin/v2.0/.well-known/openid-configuration',
).replace('00001111-aaaa-2222-bbbb-3333cccc4444', '11112222-bbbb-3333-cccc-4444dddd5555');

// §1.8 "Authorize access to operations based on token claims", verbatim (raw && and nested quotes included).
const CLAIMS_WITH_CHOOSE = AUTHORIZE_BY_CLAIMS;

// §1.8 Entra v2 how-to example: {aad-tenant} → the tenant id, the issuer example https://sts.windows.net/{tenant id}/
// with the tenant id (the identity service runs in issuer mode "microsoft", so its v1 tokens carry exactly that),
// api://guid and {backend-app-client-id} → the App ID URI and appId of the API the token is for.
const entraHowTo = (api: {
  appId: string;
  appIdUri: string;
}) => `<validate-jwt header-name="Authorization" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized. Access token is missing or invalid.">
    <openid-config url="https://login.microsoftonline.com/${TENANT_ID}/v2.0/.well-known/openid-configuration" />
    <audiences>
        <audience>${api.appIdUri}</audience>
    </audiences>
    <issuers>
        <issuer>https://sts.windows.net/${TENANT_ID}/</issuer>
    </issuers>
    <required-claims>
        <claim name="aud">
            <value>${api.appId}</value>
        </claim>
    </required-claims>
</validate-jwt>`;

// §2 validate-azure-ad-token, both examples verbatim.
const AAD_TOKEN = AZURE_AD_TOKEN_CLIENT_IDS;
const AAD_TOKEN_HOST_AUDIENCE = AZURE_AD_TOKEN_WITH_CLAIMS;

// §4 doc examples, verbatim.
const RETURN_RESPONSE = `<return-response>
   <set-status code="401" reason="Unauthorized"/>
   <set-header name="WWW-Authenticate" exists-action="override">
      <value>Bearer error="invalid_token"</value>
   </set-header>
</return-response>`;
const CHECK_HEADER = `<check-header name="Authorization" failed-check-httpcode="401" failed-check-error-message="Not authorized" ignore-case="false"><value>f6dc69a089844cf6b2019bae6d36fac8</value></check-header>`;
// set-header-policy.md's exists-action examples, with header names a request can carry.
const SET_HEADER = `<set-header name="X-Override" exists-action="override"><value>20</value></set-header>
<set-header name="X-Remove" exists-action="delete" />
<set-header name="X-Skip" exists-action="skip"><value>from-policy</value></set-header>
<set-header name="X-Append" exists-action="append"><value>from-policy</value></set-header>
<set-header name="X-Multi" exists-action="override"><value>value1</value><value>value2</value><value>value3</value></set-header>`;
// rate-limit-by-key-policy.md's example: per client IP, counting only 200 answers.
const RATE_LIMIT_BY_IP = `<rate-limit-by-key calls="10"
              renewal-period="60"
              increment-condition="@(context.Response.StatusCode == 200)"
              counter-key="@(context.Request.IpAddress)"
              remaining-calls-variable-name="remainingCallsPerIP"/>`;

// §3: on-error answering with context.LastError after a validate-jwt failure.
const ON_ERROR_LAST_ERROR = `<policies>
    <inbound>
${SIMPLE_HS256}
    </inbound>
    <on-error>
        <return-response>
            <set-status code="401" reason="Unauthorized" />
            <set-header name="WWW-Authenticate" exists-action="override">
                <value>Bearer error="invalid_token"</value>
            </set-header>
            <set-header name="X-Error-Source" exists-action="override">
                <value>@(context.LastError.Source + " " + context.LastError.Scope + " " + context.LastError.Section)</value>
            </set-header>
            <set-body>@(context.LastError.Reason)</set-body>
        </return-response>
    </on-error>
</policies>`;

// §3 <base /> placement: each scope appends its name to X-Order, so the backend sees the composed order.
const appendOrder = (name: string) =>
  `<set-header name="X-Order" exists-action="append"><value>${name}</value></set-header>`;
/** Global scope: the ordering marker, and LastError.Reason on every failure of an API without its own on-error. */
const GLOBAL_POLICY = `<policies>
    <inbound>${appendOrder('global')}</inbound>
    <on-error>
        <set-header name="X-Last-Error-Reason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header>
    </on-error>
</policies>`;

const KEYS = {
  starter: 'doc-examples-starter-key',
  ordering: 'doc-examples-ordering-key',
  all: 'doc-examples-all-key',
};

describe('APIM documentation examples (apim.md) in the running gateway', () => {
  let config: WrittenGatewayConfig;
  let kit: GatewayTestKit;
  let host: string;

  beforeAll(async () => {
    config = await writeExampleGatewayConfig({
      globalPolicy: GLOBAL_POLICY,
      namedValues: {
        'jwt-signing-key': HS256_KEY.toString('base64'),
        'aad-tenant-id': TENANT_ID,
        'aad-client-application-id': apiClient.appId,
      },
      apis: [
        { id: 'simple-hs256', policy: inboundPolicy(SIMPLE_HS256) },
        { id: 'entra-single-tenant', policy: inboundPolicy(ENTRA_SINGLE_TENANT_LOCAL) },
        { id: 'claims-choose', policy: inboundPolicy(CLAIMS_WITH_CHOOSE) },
        { id: 'howto-v2', policy: inboundPolicy(entraHowTo(apiProxy)) },
        { id: 'howto-v1', policy: inboundPolicy(entraHowTo(legacyApi)) },
        { id: 'aad-token', policy: inboundPolicy(AAD_TOKEN) },
        { id: 'aad-token-host', policy: inboundPolicy(AAD_TOKEN_HOST_AUDIENCE) },
        { id: 'return-response', policy: inboundPolicy(RETURN_RESPONSE) },
        { id: 'check-header', policy: inboundPolicy(CHECK_HEADER) },
        { id: 'set-header', policy: inboundPolicy(SET_HEADER) },
        {
          id: 'set-status',
          policy: `<policies><outbound><set-status code="202" reason="Accepted by policy" /></outbound></policies>`,
        },
        { id: 'starter-echo', subscriptionRequired: true },
        { id: 'by-ip', policy: inboundPolicy(RATE_LIMIT_BY_IP) },
        { id: 'on-error', policy: ON_ERROR_LAST_ERROR },
        {
          id: 'base-placement',
          subscriptionRequired: true,
          policy: inboundPolicy(`${appendOrder('api-before')}\n<base />\n${appendOrder('api-after')}`),
          operationPolicies: { 'retrieve-resource': inboundPolicy(`<base />\n${appendOrder('operation')}`) },
        },
      ],
      products: [
        // apim.md §6: the Starter product's rate limit (its quota policy is not part of this gateway).
        {
          id: 'starter',
          apis: ['starter-echo'],
          policy: inboundPolicy(`<rate-limit calls="5" renewal-period="60" />\n<base />`),
        },
        { id: 'ordering', apis: ['base-placement'], policy: inboundPolicy(`${appendOrder('product')}\n<base />`) },
      ],
      subscriptions: [
        { id: 'starter', scope: 'product:starter', key: KEYS.starter },
        { id: 'ordering', scope: 'product:ordering', key: KEYS.ordering },
        { id: 'all-access', scope: 'all', key: KEYS.all },
      ],
    });
    kit = await startGatewayTestKit({
      configDir: config.dir,
      identity: { issuerMode: 'microsoft' },
      env: { GATEWAY_ENTRA_ISSUER_MODE: 'microsoft' },
    });
    host = new URL(kit.gateway.url).hostname;
  });
  afterAll(async () => {
    await kit?.close();
    await config?.remove();
  });

  interface CallOptions {
    readonly method?: string;
    readonly token?: string;
    readonly authorization?: string;
    readonly key?: string;
    readonly headers?: Record<string, string>;
  }
  const call = (api: string, options: CallOptions = {}) =>
    fetch(`${kit.gateway.url}/${api}/resource`, {
      method: options.method ?? 'GET',
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.authorization ? { authorization: options.authorization } : {}),
        ...(options.key ? { 'ocp-apim-subscription-key': options.key } : {}),
        ...options.headers,
      },
      body: options.method === 'POST' ? '{}' : undefined,
    });
  /** Status, APIM body and LastError.Reason (set by the global on-error) of a failed call. */
  const failureOf = async (response: Response) => ({
    status: response.status,
    body: await response.json(),
    reason: response.headers.get('x-last-error-reason'),
  });
  const denial = (status: number, message: string, reason: string) => ({
    status,
    body: { statusCode: status, message },
    reason,
  });
  /** The echo backend's copy of what the gateway forwarded. */
  const forwarded = async (response: Response) => {
    expect(response.status).toBe(200);
    return (await response.json()) as { method: string; url: string; headers: Record<string, string> };
  };
  const hs256 = (claims: Record<string, unknown>, key: Uint8Array = HS256_KEY) => mintToken(claims, { key });
  const identityKey = (): MintingKey => {
    const { privateKey, kid } = kit.identity.signingKey();
    return { privateKey, kid };
  };

  describe('§1.8 validate-jwt: simple token validation (HS256, audience = the gateway host)', () => {
    it('passes a token signed with {{jwt-signing-key}} whose aud is the host and iss http://contoso.com/', async () => {
      const token = hs256({ aud: host, iss: 'http://contoso.com/' });
      const received = await forwarded(await call('simple-hs256', { token }));
      expect(received).toMatchObject({ method: 'GET', url: '/api/resource' });
      expect(received.headers['authorization']).toBe(`Bearer ${token}`);
    });

    it('refuses each failed check with its default message and LastError.Reason', async () => {
      const good = { aud: host, iss: 'http://contoso.com/' };
      expect(await failureOf(await call('simple-hs256'))).toEqual(denial(401, 'JWT not present.', 'TokenNotPresent'));
      // require-scheme="Bearer": a bare token is not a Bearer token.
      expect(await failureOf(await call('simple-hs256', { authorization: hs256(good) }))).toEqual(
        denial(401, 'JWT not present.', 'TokenNotPresent'),
      );
      expect(await failureOf(await call('simple-hs256', { token: hs256({ ...good, aud: 'example.com' }) }))).toEqual(
        denial(401, 'Audience validation failed. Access denied.', 'TokenAudienceNotAllowed'),
      );
      expect(
        await failureOf(await call('simple-hs256', { token: hs256({ ...good, iss: 'http://fabrikam.com/' }) })),
      ).toEqual(denial(401, 'Issuer validation failed. Access denied.', 'TokenIssuerNotAllowed'));
      const otherKey = Buffer.from('another-hs256-key-of-256-bits-!!');
      expect(await failureOf(await call('simple-hs256', { token: hs256(good, otherKey) }))).toEqual(
        denial(401, 'Signature validation failed. Access denied.', 'TokenSignatureInvalid'),
      );
      const expired = mintToken({ ...good, exp: Math.floor(Date.now() / 1000) - 60 }, { key: HS256_KEY });
      expect(await failureOf(await call('simple-hs256', { token: expired }))).toEqual(
        denial(401, 'Lifetime validation failed. The token is expired. Access denied.', 'TokenExpired'),
      );
    });
  });

  describe('§1.8 validate-jwt: Entra single tenant (v1 openid-config by domain)', () => {
    it('refuses a real v1 token: it has no "id" claim, and the configured message replaces the default', async () => {
      const token = await kit.tokenFor(apiClient, `${legacyApi.appId}/.default`);
      expect(await failureOf(await call('entra-single-tenant', { token }))).toEqual(
        denial(401, UNAUTHORIZED, 'TokenClaimNotFound'),
      );
    });

    it('passes a token signed by the tenant key with that audience, the discovered issuer and the "id" claim', async () => {
      const token = mintToken(
        { aud: legacyApi.appId, iss: kit.identity.issuer('1.0'), id: 'insert claim here' },
        { key: identityKey() },
      );
      await forwarded(await call('entra-single-tenant', { token }));
      // The issuer comes from the discovery document when <issuers> is omitted: a v2 issuer is refused.
      const v2 = mintToken(
        { aud: legacyApi.appId, iss: kit.identity.issuer('2.0'), id: 'insert claim here' },
        { key: identityKey() },
      );
      expect(await failureOf(await call('entra-single-tenant', { token: v2 }))).toEqual(
        denial(401, UNAUTHORIZED, 'TokenIssuerNotAllowed'),
      );
    });
  });

  describe('§1.8 validate-jwt: authorize operations by token claims, with <choose>', () => {
    const groupToken = (group?: string | string[]) =>
      hs256({ aud: host, iss: 'contoso.com', ...(group === undefined ? {} : { group }) });

    it('lets finance read and write, logistics only read: its POST gets 403 from <choose>', async () => {
      const before = kit.echoApi.received.length;
      await forwarded(await call('claims-choose', { token: groupToken('finance') }));
      await forwarded(await call('claims-choose', { method: 'POST', token: groupToken('finance') }));
      await forwarded(await call('claims-choose', { token: groupToken('logistics') }));
      expect(kit.echoApi.received.length).toBe(before + 3);

      const refused = await call('claims-choose', { method: 'POST', token: groupToken('logistics') });
      expect(refused.status).toBe(403);
      expect(refused.statusText).toBe('Forbidden');
      // return-response without set-body: no body, and the backend never sees the call.
      expect(await refused.text()).toBe('');
      expect(refused.headers.get('x-last-error-reason')).toBeNull();
      expect(kit.echoApi.received.length).toBe(before + 3);

      // Both groups (a JSON array claim): "finance" is among them, so the POST passes.
      await forwarded(await call('claims-choose', { method: 'POST', token: groupToken(['logistics', 'finance']) }));
    });

    it('refuses tokens without an allowed group in validate-jwt, before <choose> runs', async () => {
      for (const method of ['GET', 'POST']) {
        expect(await failureOf(await call('claims-choose', { method, token: groupToken() }))).toEqual(
          denial(401, 'JWT token is missing the following claims: group. Access denied.', 'TokenClaimNotFound'),
        );
        expect(await failureOf(await call('claims-choose', { method, token: groupToken('hr') }))).toEqual(
          denial(401, 'Claim group value of hr is not allowed. Access denied.', 'TokenClaimValueNotAllowed'),
        );
      }
    });
  });

  describe('§1.8 validate-jwt: the Entra v2 how-to example can never pass', () => {
    // <audiences> wants the App ID URI and <claim name="aud"> the appId: both read the one `aud` Entra puts in a token.
    it('refuses a real v2 token: its aud is the appId (not api://…) and its issuer is the v2 one', async () => {
      const token = await kit.tokenFor(apiClient); // apiProxy: v2 tokens
      expect(await failureOf(await call('howto-v2', { token }))).toEqual(
        denial(401, UNAUTHORIZED, 'TokenIssuerNotAllowed'),
      );
      // Even with the sts.windows.net issuer the example wants, the audience check fails on the appId.
      const v2WithV1Issuer = mintToken(
        { aud: apiProxy.appId, iss: `https://sts.windows.net/${TENANT_ID}/` },
        { key: identityKey() },
      );
      expect(await failureOf(await call('howto-v2', { token: v2WithV1Issuer }))).toEqual(
        denial(401, UNAUTHORIZED, 'TokenAudienceNotAllowed'),
      );
    });

    it('refuses a real v1 token: issuer and audience (api://…) pass, the aud claim rule wants the appId', async () => {
      const token = await kit.tokenFor(apiClient, legacyApi.scope); // v1, aud = the App ID URI
      expect(await failureOf(await call('howto-v1', { token }))).toEqual(
        denial(401, UNAUTHORIZED, 'TokenClaimValueNotAllowed'),
      );
    });

    it('would pass only a token whose aud holds both values, which Entra never issues', async () => {
      const token = mintToken(
        { aud: [apiProxy.appIdUri, apiProxy.appId], iss: `https://sts.windows.net/${TENANT_ID}/` },
        { key: identityKey() },
      );
      await forwarded(await call('howto-v2', { token }));
    });
  });

  describe('§2 validate-azure-ad-token', () => {
    it('first example: passes the tenant token of the listed client, refuses another client and no token', async () => {
      await forwarded(await call('aad-token', { token: await kit.tokenFor(apiClient) }));
      expect(await failureOf(await call('aad-token', { token: await kit.tokenFor(noRoleClient) }))).toEqual(
        denial(
          401,
          `Claim azp value of ${noRoleClient.appId} is not allowed. Access denied.`,
          'TokenClaimValueNotAllowed',
        ),
      );
      expect(await failureOf(await call('aad-token'))).toEqual(denial(401, 'JWT not present.', 'TokenNotPresent'));
    });

    it('second example: a real token is refused, its aud is the API and not the gateway host', async () => {
      const token = await kit.tokenFor(apiClient);
      expect(await failureOf(await call('aad-token-host', { token }))).toEqual(
        denial(401, 'Audience validation failed. Access denied.', 'TokenAudienceNotAllowed'),
      );
    });

    it('second example: a tenant-signed token with aud = the host passes when ctry is US', async () => {
      const claims = { aud: host, iss: kit.identity.issuer('2.0'), azp: apiClient.appId, tid: TENANT_ID, ver: '2.0' };
      const token = (extra: Record<string, unknown>) => mintToken({ ...claims, ...extra }, { key: identityKey() });
      await forwarded(await call('aad-token-host', { token: token({ ctry: 'US' }) }));
      expect(await failureOf(await call('aad-token-host', { token: token({ ctry: 'FR' }) }))).toEqual(
        denial(401, 'Claim ctry value of FR is not allowed. Access denied.', 'TokenClaimValueNotAllowed'),
      );
      expect(await failureOf(await call('aad-token-host', { token: token({}) }))).toEqual(
        denial(401, 'JWT token is missing the following claims: ctry. Access denied.', 'TokenClaimNotFound'),
      );
    });
  });

  describe('§4 other policies', () => {
    it('return-response doc example: 401 with WWW-Authenticate: Bearer error="invalid_token", no body, no backend call', async () => {
      const before = kit.echoApi.received.length;
      const response = await call('return-response');
      expect(response.status).toBe(401);
      expect(response.statusText).toBe('Unauthorized');
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await response.text()).toBe('');
      expect(kit.echoApi.received.length).toBe(before);
    });

    it('check-header doc example: the listed value passes; missing or other values get 401 "Not authorized"', async () => {
      const received = await forwarded(
        await call('check-header', { authorization: 'f6dc69a089844cf6b2019bae6d36fac8' }),
      );
      expect(received.headers['authorization']).toBe('f6dc69a089844cf6b2019bae6d36fac8');
      expect(await failureOf(await call('check-header'))).toEqual(denial(401, 'Not authorized', 'HeaderNotFound'));
      // ignore-case="false": the same value in capitals is another value.
      expect(
        await failureOf(await call('check-header', { authorization: 'F6DC69A089844CF6B2019BAE6D36FAC8' })),
      ).toEqual(denial(401, 'Not authorized', 'HeaderValueNotAllowed'));
    });

    it('set-header: override, delete, skip, append and several values, as the backend receives them', async () => {
      const received = await forwarded(
        await call('set-header', {
          headers: { 'X-Override': 'client', 'X-Remove': 'client', 'X-Skip': 'client', 'X-Append': 'client' },
        }),
      );
      expect(received.headers['x-override']).toBe('20');
      expect(received.headers['x-remove']).toBeUndefined();
      expect(received.headers['x-skip']).toBe('client');
      // append adds to the existing value, comma-separated as APIM's several values.
      expect(received.headers['x-append']).toBe('client,from-policy');
      expect(received.headers['x-multi']).toBe('value1,value2,value3');
    });

    it('set-status in outbound replaces the backend status and reason', async () => {
      const response = await call('set-status');
      expect(response.status).toBe(202);
      expect(response.statusText).toBe('Accepted by policy');
      expect(await response.json()).toMatchObject({ method: 'GET', url: '/api/resource' });
    });

    it('rate-limit calls="5" renewal-period="60" (Starter): the sixth call gets 429 with Retry-After', async () => {
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 6; i += 1) {
        const response = await call('starter-echo', { key: KEYS.starter });
        statuses.push(response.status);
        if (response.status === 429) limited = response;
        else await response.text();
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const retryAfter = Number(limited?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited?.headers.get('x-last-error-reason')).toBe('RateLimitExceeded');
      expect(await limited?.json()).toEqual({
        statusCode: 429,
        message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
      });
      // Per subscription: the all-access key is outside the product, so the product's limit does not apply.
      expect((await call('starter-echo', { key: KEYS.all })).status).toBe(200);
    });

    it('rate-limit-by-key with counter-key="@(context.Request.IpAddress)": the eleventh call from this address gets 429', async () => {
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 11; i += 1) {
        const response = await call('by-ip');
        statuses.push(response.status);
        if (response.status === 429) limited = response;
        else await response.text();
      }
      expect(statuses).toEqual([...Array(10).fill(200), 429]);
      const retryAfter = Number(limited?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await limited?.json()).toEqual({
        statusCode: 429,
        message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
      });
    });
  });

  describe('§3 scopes, <base /> and on-error', () => {
    it('runs <base /> where it stands: API before, product, global, API after, then the operation', async () => {
      const get = await forwarded(await call('base-placement', { key: KEYS.ordering }));
      expect(get.headers['x-order']).toBe('api-before,product,global,api-after,operation');
      // No operation policy for POST: the API's document is the narrowest.
      const post = await forwarded(await call('base-placement', { method: 'POST', key: KEYS.ordering }));
      expect(post.headers['x-order']).toBe('api-before,product,global,api-after');
    });

    it('leaves the product scope out for an all-access subscription', async () => {
      const get = await forwarded(await call('base-placement', { key: KEYS.all }));
      expect(get.headers['x-order']).toBe('api-before,global,api-after,operation');
    });

    it('on-error answers with context.LastError after a validate-jwt failure, replacing the APIM body', async () => {
      const none = await call('on-error');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(none.headers.get('x-error-source')).toBe('validate-jwt api inbound');
      expect(await none.text()).toBe('TokenNotPresent');

      const wrongAudience = await call('on-error', {
        token: hs256({ aud: 'example.com', iss: 'http://contoso.com/' }),
      });
      expect(wrongAudience.status).toBe(401);
      expect(await wrongAudience.text()).toBe('TokenAudienceNotAllowed');

      const good = await call('on-error', { token: hs256({ aud: host, iss: 'http://contoso.com/' }) });
      expect(good.status).toBe(200);
      await good.text();
    });
  });
});

describe('APIM documentation examples the gateway loads without calling an identity provider', () => {
  let config: WrittenGatewayConfig;

  beforeAll(async () => {
    config = await writeExampleGatewayConfig({
      apis: [
        { id: 'customer-tenant', policy: inboundPolicy(CUSTOMER_TENANT) },
        { id: 'b2c', policy: inboundPolicy(B2C) },
      ],
    });
  });
  afterAll(() => config?.remove());

  it('loads the customer-tenant (ciamlogin.com) and B2C examples; no discovery fetch at start-up or without a token', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const gateway = await startGateway({
      env: loadGatewayEnv({ GATEWAY_PORT: '0', GATEWAY_CONFIG_DIR: config.dir, LOG_LEVEL: 'silent' }),
      processEnv: {},
      nestLogger: false,
    });
    try {
      const gatewayFetches = () => fetchSpy.mock.calls.filter(([url]) => !String(url).startsWith(gateway.url));
      expect(gatewayFetches()).toEqual([]);
      for (const api of ['customer-tenant', 'b2c']) {
        const response = await fetch(`${gateway.url}/${api}/resource`);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ statusCode: 401, message: UNAUTHORIZED });
      }
      expect(gatewayFetches()).toEqual([]);
      // The spy does see fetches: this test's own two calls.
      expect(fetchSpy).toHaveBeenCalledTimes(2);
    } finally {
      fetchSpy.mockRestore();
      await gateway.close();
    }
  });
});

describe('APIM documentation examples the gateway refuses at start-up', () => {
  const configs: WrittenGatewayConfig[] = [];
  afterAll(() => Promise.all(configs.map((config) => config.remove())));

  const startWith = async (policy: string) => {
    const config = await writeExampleGatewayConfig({
      namedValues: { 'jwt-signing-key': HS256_KEY.toString('base64') },
      apis: [{ id: 'example', policy }],
    });
    configs.push(config);
    const app = await createGateway({
      env: loadGatewayEnv({ GATEWAY_CONFIG_DIR: config.dir, LOG_LEVEL: 'silent' }),
      processEnv: {},
      nestLogger: false,
    });
    // Started although it should not have: close it, the assertion reports the problem.
    await app.close();
    return app;
  };

  const CERTIFICATE_MESSAGE =
    /policies\/apis\/example\.xml:3 <validate-jwt>: certificate-id keys need APIM's certificate store, which this gateway does not have; use <openid-config>, n\/e, or an inline Base64 key\./;

  // The audience is an expression, so the policy is imported per request; the certificate key is still refused at start-up.
  it('refuses the RSA certificate example, naming the file and line and what to use instead', async () => {
    await expect(startWith(inboundPolicy(RSA_CERTIFICATE))).rejects.toThrow(CERTIFICATE_MESSAGE);
  });

  it('refuses the RSA certificate example with a literal audience (no expression) with the certificate-id message', async () => {
    const literalAudience = RSA_CERTIFICATE.replace('@(context.Request.OriginalUrl.Host)', 'gateway.example.com');
    await expect(startWith(inboundPolicy(literalAudience))).rejects.toThrow(CERTIFICATE_MESSAGE);
  });

  it("refuses §3's literal <base /> example: cross-domain (Flash and Silverlight policies) is not implemented here", async () => {
    await expect(
      startWith(inboundPolicy('<cross-domain /><base /><find-and-replace from="xyz" to="abc" />')),
    ).rejects.toThrow(
      /policies\/apis\/example\.xml:3 <cross-domain>: an APIM policy this gateway does not support; remove it or replace it\. Supported here: .*set-header/,
    );
  });
});
