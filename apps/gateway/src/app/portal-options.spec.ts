import { readGatewayConfig } from '../config/read-gateway-config';
import { loadGatewayEnv } from '../config/gateway-env';
import { DEFAULT_GATEWAY_CONFIG_DIR } from '../testing/gateway-test-kit';
import { portalOptionsFor } from './portal-options';

type Paths = Record<string, Record<string, { operationId?: string }>>;

describe('portalOptionsFor (default configuration)', () => {
  const definition = readGatewayConfig(DEFAULT_GATEWAY_CONFIG_DIR, {});
  const options = portalOptionsFor(
    definition,
    loadGatewayEnv({ GATEWAY_ENTRA_AUTHORITY_HOST: 'https://localhost:5443' }),
  );

  it('authorizes with client credentials against the local tenant, for the API app', () => {
    expect(options.tokenUrl).toBe('https://localhost:5443/3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60/oauth2/v2.0/token');
    expect(Object.keys(options.scopes)).toEqual(['api://4a41d081-77b5-4936-b87c-52b76b36dbc2/.default']);
    expect(options.clientId).toBe('f73ba7f2-5bf9-44b5-b82c-e4b191a80c41');
  });

  it('shows every published operation, and every documented operation is published (no 404 from "Try it out")', () => {
    for (const api of definition.apis) {
      const paths = options.apis.find((portalApi) => portalApi.id === api.id)?.document.paths as unknown as Paths;
      const documented = Object.entries(paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
      const published = api.operations.map((operation) => `${operation.method} ${operation.urlTemplate}`);
      expect(documented.sort()).toEqual(published.sort());
    }
  });

  it('adds the test operation, which only the gateway answers', () => {
    const echo = options.apis.find((api) => api.id === 'echo-api')?.document.paths as unknown as Paths;
    expect(echo['/status']['get'].operationId).toBe('test-status');
  });
});
