import { defaultRegistrations } from '@stack/testing';
import { decodeJwt } from 'jose';
import { inboundPolicy, writeExampleGatewayConfig, type WrittenGatewayConfig } from '../testing/example-gateway-config';
import { startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';
import { scopeFor } from '@stack/gateway-adapters';

const { apiProxy } = defaultRegistrations.apis;
const GATEWAY_IDENTITY = '8d1f3a5c-7e9b-4c2d-a4f6-1b3d5e7f9a2c';

describe('authentication-managed-identity in the gateway (its own registration, @stack/token-cache)', () => {
  let config: WrittenGatewayConfig;
  let kit: GatewayTestKit;

  beforeAll(async () => {
    config = await writeExampleGatewayConfig({
      apis: [
        { id: 'to-echo', policy: inboundPolicy(`<authentication-managed-identity resource="${apiProxy.appId}" />`) },
        {
          id: 'other-identity',
          policy: inboundPolicy(
            `<authentication-managed-identity resource="${apiProxy.appIdUri}" client-id="11111111-2222-3333-4444-555555555555" />`,
          ),
        },
      ],
    });
    kit = await startGatewayTestKit({ configDir: config.dir });
  });
  afterAll(async () => {
    await kit?.close();
    await config?.remove();
  });

  it("sends the backend a token the identity service issued to the gateway's registration for the resource", async () => {
    const response = await fetch(`${kit.gateway.url}/to-echo/resource`);
    const echoed = (await response.json()) as { headers: Record<string, string> };
    expect(response.status).toBe(200);
    const [scheme, token] = echoed.headers['authorization'].split(' ');
    expect(scheme).toBe('Bearer');
    const claims = decodeJwt(token);
    expect(claims['azp'] ?? claims['appid']).toBe(GATEWAY_IDENTITY);
    expect([apiProxy.appId, apiProxy.appIdUri]).toContain(claims.aud);
    // The token is held: a second call asks the identity service for nothing.
    const before = kit.identity.tokenRequestCount({ clientId: GATEWAY_IDENTITY });
    await (await fetch(`${kit.gateway.url}/to-echo/resource`)).text();
    expect(kit.identity.tokenRequestCount({ clientId: GATEWAY_IDENTITY })).toBe(before);
  });

  it('refuses a user-assigned client-id it does not have: 500, nothing forwarded', async () => {
    const sent = kit.echoApi.received.length;
    const response = await fetch(`${kit.gateway.url}/other-identity/resource`);
    expect(response.status).toBe(500);
    await response.text();
    expect(kit.echoApi.received.length).toBe(sent);
  });
});

describe('scopeFor', () => {
  it('turns an APIM resource into a v2 scope', () => {
    expect(scopeFor('https://vault.azure.net')).toBe('https://vault.azure.net/.default');
    expect(scopeFor('https://management.azure.com/')).toBe('https://management.azure.com/.default');
    expect(scopeFor(apiProxy.appId)).toBe(`api://${apiProxy.appId}/.default`);
    expect(scopeFor(`${apiProxy.appIdUri}/.default`)).toBe(`${apiProxy.appIdUri}/.default`);
  });
});
