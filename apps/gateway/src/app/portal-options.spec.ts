import { readGatewayConfig } from '@stack/gateway-adapters';
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

  it('authorizes with client credentials against the local tenant, each API with the scope its policy accepts', () => {
    expect(options.tokenUrl).toBe('https://localhost:5443/3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60/oauth2/v2.0/token');
    // One portal entry per API with an OpenAPI document, in apis.json order (read from the configuration).
    expect(options.apis.map(({ id }) => id)).toEqual(
      definition.apis.filter((api) => definition.openApiDocuments.has(api.id)).map((api) => api.id),
    );
    expect(options.apis.map(({ id, scope, scopeDescription }) => ({ id, scope, scopeDescription }))).toEqual(
      expect.arrayContaining([
        {
          id: 'echo-api',
          scope: 'api://4a41d081-77b5-4936-b87c-52b76b36dbc2/.default',
          scopeDescription: expect.stringMatching(/^Echo API: .*from .*policies[\\/]apis[\\/]echo-api\.xml\)$/),
        },
        {
          id: 'protected-api',
          scope: 'api://4a41d081-77b5-4936-b87c-52b76b36dbc2/.default',
          scopeDescription: expect.stringMatching(/protected-api\.xml\)$/),
        },
      ]),
    );
    expect(options.clientId).toBe('f73ba7f2-5bf9-44b5-b82c-e4b191a80c41');
  });

  it("follows an API's policy to another registration, and lets GATEWAY_PORTAL_SCOPE fill in only where none is found", () => {
    const legacy = '9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b';
    const apis = new Map(definition.policies.apis);
    apis.set('protected-api', {
      file: 'protected-api.xml',
      xml: `<policies><inbound><validate-jwt><audiences><audience>api://${legacy}</audience></audiences></validate-jwt></inbound></policies>`,
    });
    apis.set('echo-api', { file: 'echo-api.xml', xml: '<policies><inbound /></policies>' });
    const changed = { ...definition, policies: { ...definition.policies, apis, operations: new Map() } };
    const env = loadGatewayEnv({ GATEWAY_PORTAL_SCOPE: 'api://fallback/.default' });
    expect(portalOptionsFor(changed, env).apis.map((api) => [api.id, api.scope])).toEqual(
      expect.arrayContaining([
        ['echo-api', 'api://fallback/.default'],
        ['protected-api', `api://${legacy}/.default`],
      ]),
    );
  });

  it("offers sign-in through the portal's SPA client, each API with the delegated scopes its policies check", () => {
    expect(options.userSignIn).toEqual({
      authorizationUrl: 'https://localhost:5443/3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60/oauth2/v2.0/authorize',
      clientId: '272a7756-b7b0-4d47-9fbc-a620fd89c7aa',
    });
    const userScopes = Object.fromEntries(options.apis.map((api) => [api.id, api.userScopes]));
    // The Echo API's policy lets a user token through with one of its delegated scopes (roles OR scp).
    expect(userScopes['echo-api']).toEqual([
      'api://4a41d081-77b5-4936-b87c-52b76b36dbc2/Echo.Read.User',
      'api://4a41d081-77b5-4936-b87c-52b76b36dbc2/Echo.Write.User',
    ]);
    // The app-only original names no delegated scope: the user scheme asks for the resource's .default.
    expect(userScopes['echo-api-app-only']).toEqual(['api://4a41d081-77b5-4936-b87c-52b76b36dbc2/.default']);
  });

  it('fills the subscription picker from the gateway subscriptions, with the keys of the active ones', () => {
    expect(options.subscriptions?.map((choice) => [choice.id, choice.state])).toEqual([
      ['worker', 'active'],
      ['starter-trial', 'active'],
      ['echo-only', 'active'],
      ['revoked-trial', 'suspended'],
      ['all-access', 'active'],
    ]);
    expect(options.subscriptionKeys?.get('worker')).toBe('dev-only-worker-primary-key');
    expect(options.subscriptionKeys?.has('revoked-trial')).toBe(false);
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
