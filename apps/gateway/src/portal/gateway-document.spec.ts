import type { OpenAPIObject } from '@nestjs/swagger';
import type { PortalApi } from './developer-portal-options';
import { checkPortalOptions, DeveloperPortalError, gatewayOpenApiDocument } from './gateway-document';

const TOKEN_URL = 'https://localhost:5443/00000000-0000-4000-8000-000000000000/oauth2/v2.0/token';
const SCOPE = 'api://4a41d081-77b5-4936-b87c-52b76b36dbc2/.default';
const auth = { tokenUrl: TOKEN_URL };

function backendDocument(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'Echo API', version: '1.0' },
    servers: [{ url: 'http://127.0.0.1:3001/api' }],
    paths: {
      '/resource': {
        get: { operationId: 'retrieve-resource', responses: { '200': { description: 'ok' } } },
        post: {
          operationId: 'create-resource',
          security: [{ bearer: [] }],
          responses: { '201': { description: 'created' } },
        },
        parameters: [{ name: 'trace', in: 'header', required: false }],
      },
      '/me': { get: { operationId: 'who-am-i', responses: { '200': { description: 'ok' } } } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Vehicle: { type: 'object' } },
    },
    security: [{ bearer: [] }],
  };
}

function api(overrides: Partial<PortalApi> = {}): PortalApi {
  return {
    id: 'echo-api',
    name: 'Echo API',
    path: 'echo',
    document: backendDocument(),
    subscriptionKeyHeaderName: 'Ocp-Apim-Subscription-Key',
    subscriptionRequired: true,
    scope: SCOPE,
    scopeDescription: 'Echo API (app roles)',
    ...overrides,
  };
}

describe('gatewayOpenApiDocument', () => {
  it('points servers at the gateway path instead of the backend', () => {
    expect(gatewayOpenApiDocument(api(), auth).servers).toEqual([
      { url: '/echo', description: 'Echo API through the gateway' },
    ]);
    expect(gatewayOpenApiDocument(api({ path: '/protected/' }), auth).servers?.[0].url).toBe('/protected');
    expect(gatewayOpenApiDocument(api({ path: '' }), auth).servers?.[0].url).toBe('/');
  });

  it('replaces the backend schemes with oauth2 client credentials and the subscription key header', () => {
    const document = gatewayOpenApiDocument(api({ subscriptionKeyHeaderName: 'X-Key' }), auth);
    expect(document.components?.securitySchemes).toEqual({
      'oauth2-echo-api': {
        type: 'oauth2',
        description: expect.any(String),
        flows: { clientCredentials: { tokenUrl: TOKEN_URL, scopes: { [SCOPE]: 'Echo API (app roles)' } } },
      },
      subscriptionKey: { type: 'apiKey', in: 'header', name: 'X-Key', description: expect.stringContaining('X-Key') },
    });
    expect(document.components?.schemas).toEqual({ Vehicle: { type: 'object' } });
  });

  it('requires the token with its scopes and the key on every operation, overriding backend security', () => {
    const document = gatewayOpenApiDocument(api(), auth);
    const expected = [{ 'oauth2-echo-api': [SCOPE], subscriptionKey: [] }];
    expect(document.security).toEqual(expected);
    expect(document.paths['/resource'].get?.security).toEqual(expected);
    expect(document.paths['/resource'].post?.security).toEqual(expected);
    expect(document.paths['/me'].get?.security).toEqual(expected);
    expect(document.paths['/resource'].parameters).toEqual([{ name: 'trace', in: 'header', required: false }]);
  });

  it('asks for no subscription key when the API does not require one', () => {
    const document = gatewayOpenApiDocument(api({ subscriptionRequired: false }), auth);
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['oauth2-echo-api']);
    expect(document.paths['/resource'].get?.security).toEqual([{ 'oauth2-echo-api': [SCOPE] }]);
  });

  it("gives each API its own oauth2 scheme with only its own scope, so one API's token is never sent to another", () => {
    const legacy = 'api://9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b/.default';
    const echo = gatewayOpenApiDocument(api(), auth);
    const other = gatewayOpenApiDocument(
      api({ id: 'protected-api', scope: legacy, scopeDescription: undefined }),
      auth,
    );
    expect(Object.keys(other.components?.securitySchemes ?? {})).toEqual(['oauth2-protected-api', 'subscriptionKey']);
    expect(other.components?.securitySchemes?.['oauth2-protected-api']).toMatchObject({
      flows: { clientCredentials: { tokenUrl: TOKEN_URL, scopes: { [legacy]: expect.stringContaining('Echo API') } } },
    });
    expect(other.security).toEqual([{ 'oauth2-protected-api': [legacy], subscriptionKey: [] }]);
    expect(echo.security).toEqual([{ 'oauth2-echo-api': [SCOPE], subscriptionKey: [] }]);
  });

  it('asks for no scope when the API has none', () => {
    const document = gatewayOpenApiDocument(api({ scope: undefined }), auth);
    expect(document.components?.securitySchemes?.['oauth2-echo-api']).toMatchObject({
      flows: { clientCredentials: { scopes: {} } },
    });
    expect(document.security).toEqual([{ 'oauth2-echo-api': [], subscriptionKey: [] }]);
  });

  it('uses the default header name when none is given, and the API name when the document has no title', () => {
    const document = backendDocument();
    document.info.title = '';
    const rewritten = gatewayOpenApiDocument(api({ subscriptionKeyHeaderName: '', document }), auth);
    expect(rewritten.components?.securitySchemes?.['subscriptionKey']).toMatchObject({
      name: 'Ocp-Apim-Subscription-Key',
    });
    expect(rewritten.info.title).toBe('Echo API');
  });

  it('leaves the input document untouched', () => {
    const input = api();
    const before = structuredClone(input.document);
    gatewayOpenApiDocument(input, auth);
    expect(input.document).toEqual(before);
  });
});

describe('checkPortalOptions', () => {
  it('accepts usable settings', () => {
    expect(() => checkPortalOptions({ apis: [api(), api({ id: 'protected-api' })], ...auth })).not.toThrow();
  });

  it.each([
    ['an id unusable in a URL', { apis: [api({ id: 'echo api' })], ...auth }, /'echo api' cannot be part of a URL/],
    ['a duplicate id', { apis: [api(), api()], ...auth }, /'echo-api' is listed twice/],
    [
      'a document without paths',
      { apis: [api({ document: {} as OpenAPIObject })], ...auth },
      /has no paths; regenerate it with npm run openapi/,
    ],
    ['a relative token URL', { apis: [], tokenUrl: '/token' }, /tokenUrl '\/token' is not an absolute URL/],
  ])('rejects %s', (_what, options, message) => {
    expect(() => checkPortalOptions(options)).toThrow(DeveloperPortalError);
    expect(() => checkPortalOptions(options)).toThrow(message);
  });
});

describe('gatewayOpenApiDocument with user sign-in', () => {
  const userSignIn = {
    authorizationUrl: TOKEN_URL.replace(/token$/, 'authorize'),
    clientId: '272a7756-b7b0-4d47-9fbc-a620fd89c7aa',
  };
  const userScopes = ['api://4a41d081-77b5-4936-b87c-52b76b36dbc2/Echo.Read.User'];

  it('adds oauth2-user-<api id>: authorization code at the tenant, the delegated scopes and OpenID Connect scopes', () => {
    const document = gatewayOpenApiDocument(api({ userScopes }), { ...auth, userSignIn });
    const scheme = document.components?.securitySchemes?.['oauth2-user-echo-api'] as {
      type: string;
      flows: Record<string, { authorizationUrl: string; tokenUrl: string; scopes: Record<string, string> }>;
    };
    expect(scheme.type).toBe('oauth2');
    expect(Object.keys(scheme.flows)).toEqual(['authorizationCode']);
    expect(scheme.flows['authorizationCode'].authorizationUrl).toBe(userSignIn.authorizationUrl);
    expect(scheme.flows['authorizationCode'].tokenUrl).toBe(TOKEN_URL);
    expect(Object.keys(scheme.flows['authorizationCode'].scopes)).toEqual([
      ...userScopes,
      'openid',
      'profile',
      'offline_access',
    ]);
    // Either an app's token or a user's, each with the subscription key.
    const either = [
      { 'oauth2-echo-api': [SCOPE], subscriptionKey: [] },
      { 'oauth2-user-echo-api': [...userScopes, 'openid', 'profile', 'offline_access'], subscriptionKey: [] },
    ];
    expect(document.security).toEqual(either);
    expect((document.paths['/resource'] as { get: { security: unknown } }).get.security).toEqual(either);
  });

  it('adds no user scheme without user sign-in or without delegated scopes', () => {
    const schemes = (options: Parameters<typeof gatewayOpenApiDocument>[1], scopes?: string[]) =>
      Object.keys(gatewayOpenApiDocument(api({ userScopes: scopes }), options).components?.securitySchemes ?? {});
    expect(schemes(auth, userScopes)).toEqual(['oauth2-echo-api', 'subscriptionKey']);
    expect(schemes({ ...auth, userSignIn }, undefined)).toEqual(['oauth2-echo-api', 'subscriptionKey']);
  });

  it('refuses an authorization URL that is not absolute', () => {
    expect(() =>
      checkPortalOptions({
        apis: [api()],
        tokenUrl: TOKEN_URL,
        userSignIn: { ...userSignIn, authorizationUrl: '/authorize' },
      }),
    ).toThrow(DeveloperPortalError);
  });
});
