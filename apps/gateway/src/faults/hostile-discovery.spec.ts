import { freePort, mintToken } from '@stack/testing';
import { STATUS_PATH } from '../app/reserved-paths';
import { inboundPolicy, writeExampleGatewayConfig, type WrittenGatewayConfig } from '../testing/example-gateway-config';
import { startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';
import {
  HOSTILE_BEHAVIOURS,
  startHostileOpenIdServer,
  type HostileOpenIdServer,
} from '../testing/hostile-openid-server';

/**
 * validate-jwt with an `openid-config` URL that is unreachable, or served by a broken or hostile identity
 * provider, over real HTTP: every token gets the policy's documented failure (failed-validation-httpcode, APIM's
 * body, context.LastError from validate-jwt), never a 500, and the gateway keeps answering.
 */
// The 'silent' provider costs one discovery timeout (5 s) on a loaded machine: a generous limit, not a speed test.
jest.setTimeout(90_000);

const AUDIENCE = 'api://hostile-discovery-test';
/** validate-jwt's LastError reasons (apim.md §1.6); anything else (InternalError) is a gateway bug. */
const TOKEN_REASONS = [
  'TokenSignatureKeyNotFound',
  'TokenIssuerNotAllowed',
  'TokenSignatureInvalid',
  'JwtInvalid',
  'TokenAudienceNotAllowed',
];

const policyFor = (url: string, attributes = '') =>
  inboundPolicy(`<validate-jwt header-name="Authorization"${attributes}>
    <openid-config url="${url}" />
    <audiences><audience>${AUDIENCE}</audience></audiences>
</validate-jwt>`);

/** on-error shows context.LastError, as APIM users do to debug validate-jwt. */
const GLOBAL_POLICY = `<policies>
    <inbound />
    <on-error>
        <set-header name="X-Last-Error-Source" exists-action="override"><value>@(context.LastError.Source)</value></set-header>
        <set-header name="X-Last-Error-Reason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header>
        <set-header name="X-Last-Error-Section" exists-action="override"><value>@(context.LastError.Section)</value></set-header>
    </on-error>
</policies>`;

const TOKENS: Readonly<Record<string, () => string>> = {
  'RS256 without kid': () => mintToken({ aud: AUDIENCE }, { header: { kid: undefined } }),
  'RS256 with an unknown kid': () => mintToken({ aud: AUDIENCE }),
  'alg none without kid': () => mintToken({ aud: AUDIENCE }, { alg: 'none', header: { kid: undefined } }),
  'HS256 without kid': () => mintToken({ aud: AUDIENCE }, { key: Buffer.alloc(32, 7) }),
  'crit header': () => mintToken({ aud: AUDIENCE }, { header: { crit: ['exp'], exp: 1 } }),
};

describe('validate-jwt when the openid-config is unreachable, broken or hostile', () => {
  let hostile: HostileOpenIdServer;
  let config: WrittenGatewayConfig;
  let kit: GatewayTestKit;
  const behaviours = ['unreachable', ...HOSTILE_BEHAVIOURS];

  beforeAll(async () => {
    hostile = await startHostileOpenIdServer();
    const closedPort = await freePort(); // nothing listens there
    const urlOf = (behaviour: string) =>
      behaviour === 'unreachable'
        ? `http://127.0.0.1:${closedPort}/.well-known/openid-configuration`
        : hostile.discoveryUrl(behaviour as (typeof HOSTILE_BEHAVIOURS)[number]);
    config = await writeExampleGatewayConfig({
      globalPolicy: GLOBAL_POLICY,
      apis: [
        ...behaviours.map((behaviour) => ({ id: `idp-${behaviour}`, policy: policyFor(urlOf(behaviour)) })),
        {
          id: 'idp-custom-status',
          policy: policyFor(
            urlOf('unreachable'),
            ' failed-validation-httpcode="403" failed-validation-error-message="Token refused."',
          ),
        },
      ],
    });
    kit = await startGatewayTestKit({ configDir: config.dir });
  });
  afterAll(async () => {
    await kit?.close();
    await hostile?.close();
    await config?.remove();
  });

  const call = (path: string, token: string) =>
    fetch(`${kit.gateway.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it.each(behaviours)("answers the policy's 401 for every token when the provider is %s", async (behaviour) => {
    for (const [name, token] of Object.entries(TOKENS)) {
      // Twice: the first request meets the failing fetch, the second the remembered failure.
      for (const attempt of [1, 2]) {
        const response = await call(`/idp-${behaviour}/resource`, token());
        const body = (await response.json()) as { statusCode: number; message: string };
        const seen = { token: name, attempt, status: response.status, body };
        expect(seen).toEqual({
          token: name,
          attempt,
          status: 401,
          body: { statusCode: 401, message: expect.any(String) },
        });
        expect(body.message).not.toMatch(/internal|fetch failed/i);
        expect(response.headers.get('x-last-error-source')).toBe('validate-jwt');
        expect(response.headers.get('x-last-error-section')).toBe('inbound');
        expect(TOKEN_REASONS).toContain(response.headers.get('x-last-error-reason'));
      }
    }
    expect((await fetch(`${kit.gateway.url}${STATUS_PATH}`)).status).toBe(200);
  });

  it('answers failed-validation-httpcode and failed-validation-error-message, as for any validate-jwt failure', async () => {
    for (const token of Object.values(TOKENS)) {
      const response = await call('/idp-custom-status/resource', token());
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ statusCode: 403, message: 'Token refused.' });
      expect(response.headers.get('x-last-error-source')).toBe('validate-jwt');
    }
  });

  it('maps an unknown kid to TokenSignatureKeyNotFound and logs why the keys could not be had', async () => {
    const response = await call('/idp-unreachable/resource', TOKENS['RS256 with an unknown kid']());
    expect(response.headers.get('x-last-error-reason')).toBe('TokenSignatureKeyNotFound');
    expect(await response.json()).toEqual({
      statusCode: 401,
      message: 'Signature validation failed. Unable to match key. Access denied.',
    });
    const requestLogs = kit.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const denied = requestLogs.filter((entry) => entry['msg'] === 'request' && entry['api'] === 'idp-unreachable');
    expect(denied.at(-1)).toMatchObject({ status: 401, reason: 'TokenSignatureKeyNotFound' });
    expect(String(denied.at(-1)?.['cause'])).toMatch(/OpenID configuration .*unreachable|ECONNREFUSED/i);
    expect(kit.logs.join('\n')).not.toMatch(/unexpected error/);
  });
});
