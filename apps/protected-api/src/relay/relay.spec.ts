import { clientCredentialsToken, defaultRegistrations, startIdentity, type TestIdentity } from '@stack/testing';
import { startProtectedApi, type RunningProtectedApi } from '../app/protected-api';
import { loadProtectedApiConfig } from '../config/protected-api-config';

/**
 * GET /relay accepts only the gateway's own identity (the app role Gateway.Relay, assigned to ago-gateway-identity-app
 * in config/identity/registrations.json), with real tokens from the real identity service.
 */
const { apiProxy } = defaultRegistrations.apis;
const { apiClient, gatewayIdentity } = defaultRegistrations.clients;

describe('GET /relay: calls relayed by the gateway only', () => {
  let identity: TestIdentity;
  let api: RunningProtectedApi;

  beforeAll(async () => {
    identity = await startIdentity();
    const config = loadProtectedApiConfig({
      PROTECTED_API_PORT: '0',
      AUTH_TENANT_ID: identity.tenantId,
      AUTH_AUTHORITY_HOST: identity.url,
      AUTH_API_APP_ID: apiProxy.appId,
      AUTH_APP_ID_URIS: apiProxy.appIdUri,
    });
    api = await startProtectedApi(config, { logger: false });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await identity?.close();
  });

  const relay = (token: string) => fetch(`${api.url}/relay`, { headers: { authorization: `Bearer ${token}` } });

  it("answers the gateway's identity with who relayed the call", async () => {
    const response = await relay(await clientCredentialsToken(identity, gatewayIdentity, apiProxy.scope));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ relayedBy: gatewayIdentity.appId, roles: ['Gateway.Relay'] });
  });

  it('refuses a client with every Echo role but not Gateway.Relay: 403 insufficient_scope', async () => {
    const response = await relay(await clientCredentialsToken(identity, apiClient, apiProxy.scope));
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
  });
});
