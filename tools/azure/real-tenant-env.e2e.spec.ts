/**
 * The environment switches of docs/azure.md, tested with the identity service's Microsoft issuer mode: tokens and
 * discovery carry https://login.microsoftonline.com/<tenant>/v2.0, as Entra's do. protected-api and the gateway in
 * front of it start with exactly the doc's lines (placeholders filled with the local tenant and apps); only where
 * keys and discovery are fetched changes, since login.microsoftonline.com is not reachable from a test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  clientCredentialsToken,
  defaultRegistrations,
  mintToken,
  startIdentity,
  type TestIdentity,
} from '@stack/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the apps in-process, as tools/openapi does
import { startGateway, type RunningGateway } from '../../apps/gateway/src/app/gateway';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the apps in-process, as tools/openapi does
import { createGatewayLogger } from '../../apps/gateway/src/app/logger';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the apps in-process, as tools/openapi does
import { loadGatewayEnv } from '../../apps/gateway/src/config/gateway-env';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the apps in-process, as tools/openapi does
import { startEchoBackend, type EchoBackend } from '../../apps/gateway/src/testing/echo-backend';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the apps in-process, as tools/openapi does
import { startProtectedApi, type RunningProtectedApi } from '../../apps/protected-api/src/app/protected-api';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the apps in-process, as tools/openapi does
import { loadProtectedApiConfig } from '../../apps/protected-api/src/config/protected-api-config';
import { gatewayNamedValueDefault, localStackEnv } from '../stack/local-env';
import { repoRoot } from '../stack/services';
import { docEnvLines } from './doc-env';

const { tenantId } = defaultRegistrations;
const { apiProxy } = defaultRegistrations.apis;
const { apiClient } = defaultRegistrations.clients;
const OTHER_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** The doc's lines with its placeholders filled in, as a user would after creating the apps. */
function docEnv(): Record<string, string> {
  const filled: Record<string, string> = {
    '<your tenant id>': tenantId,
    "<API app's application (client) id>": apiProxy.appId,
    "<client app's application (client) id>": apiClient.appId,
    "<client app's secret>": apiClient.secret ?? '',
    "<portal SPA app's application (client) id>": gatewayNamedValueDefault('portal-client-app-id'),
  };
  return Object.fromEntries(
    docEnvLines().map(([name, value]) => [
      name,
      value.replace(/<[^>]+>/g, (placeholder) => {
        if (!(placeholder in filled)) throw new Error(`docs/azure.md: unknown placeholder ${placeholder}`);
        return filled[placeholder];
      }),
    ]),
  );
}

describe('docs/azure.md environment switches against the Microsoft issuer mode', () => {
  let identity: TestIdentity;
  let protectedApi: RunningProtectedApi;
  let echo: EchoBackend;
  let gateway: RunningGateway;
  let env: Record<string, string>;
  const gatewayLogs: string[] = [];

  beforeAll(async () => {
    env = docEnv();
    identity = await startIdentity({ issuerMode: 'microsoft' });
    protectedApi = await startProtectedApi(
      loadProtectedApiConfig({
        ...env,
        PROTECTED_API_PORT: '0',
        // The one change: Entra's keys are the local identity service's (AUTH_AUTHORITY_HOST stays Microsoft's).
        AUTH_JWKS_URI: `${identity.url}/${tenantId}/discovery/v2.0/keys`,
      }),
      { logger: false },
    );
    echo = await startEchoBackend();
    const processEnv: NodeJS.ProcessEnv = {
      ...env,
      GATEWAY_PORT: '0',
      GATEWAY_CONFIG_DIR: join(repoRoot, 'config', 'gateway'),
      // The one change: the policies' login.microsoftonline.com URLs are fetched from the local identity service.
      GATEWAY_ENTRA_AUTHORITY_HOST: identity.url,
      GATEWAY_PROTECTED_API_URL: protectedApi.url,
      GATEWAY_ECHO_API_URL: `${echo.url}/api`,
    };
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        gatewayLogs.push(chunk.toString('utf8'));
        done();
      },
    });
    gateway = await startGateway({
      env: loadGatewayEnv(processEnv),
      processEnv,
      logger: createGatewayLogger('info', logs),
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await echo?.close();
    await protectedApi?.close();
    await identity?.dispose();
  });

  const token = () => clientCredentialsToken(identity, apiClient, env['WORKER_SCOPE']);
  const claims = (jwt: string) =>
    JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

  /** The same token naming another tenant, signed with the same key: only the tenant is wrong. */
  async function otherTenantToken(): Promise<string> {
    const good = claims(await token());
    const key = identity.signingKey();
    return mintToken(
      { ...good, tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` },
      { key: { privateKey: key.privateKey, kid: key.kid }, timestamps: false },
    );
  }

  it('documents the same switches as the real-tenant section of .env.example, every one of them', () => {
    const example = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    const section = example.slice(example.indexOf('Point at a real Entra tenant'));
    for (const name of Object.keys(env)) expect(section).toContain(`# ${name}=`);
  });

  it('the identity service issues Microsoft-shaped tokens, as Entra would', async () => {
    expect(claims(await token())).toMatchObject({
      iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
      tid: tenantId,
      aud: apiProxy.appId,
      azp: apiClient.appId,
      ver: '2.0',
    });
  });

  it('protected-api accepts a token of the tenant and refuses one naming another tenant', async () => {
    const ok = await fetch(`${protectedApi.url}/resource`, { headers: { authorization: `Bearer ${await token()}` } });
    expect(ok.status).toBe(200);
    const refused = await fetch(`${protectedApi.url}/resource`, {
      headers: { authorization: `Bearer ${await otherTenantToken()}` },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('the gateway (validate-azure-ad-token, microsoft issuers) passes the tenant token to protected-api, refuses the other', async () => {
    const key = gatewayNamedValueDefault('worker-primary-key');
    const call = async (jwt: string) =>
      fetch(`${gateway.url}/protected/resource`, {
        headers: { authorization: `Bearer ${jwt}`, 'ocp-apim-subscription-key': key },
      });
    const ok = await call(await token());
    expect(ok.status).toBe(200);
    const refused = await call(await otherTenantToken());
    expect(refused.status).toBe(401);
    expect(gatewayLogs.join('')).not.toContain(apiClient.secret ?? 'no secret');
  });
});

describe('npm start with the switches of docs/azure.md', () => {
  it('keeps an empty GATEWAY_ENTRA_AUTHORITY_HOST empty (Entra itself) instead of the local identity service', () => {
    const env = Object.fromEntries(docEnvLines());
    const started = localStackEnv({ ...env, IDENTITY_PORT: '5443' });
    expect(started['GATEWAY_ENTRA_AUTHORITY_HOST']).toBe('');
    for (const [name, value] of Object.entries(env)) expect(started[name] ?? '').toBe(value);
    expect(localStackEnv({})['GATEWAY_ENTRA_AUTHORITY_HOST']).toBe('https://localhost:5443');
  });
});
