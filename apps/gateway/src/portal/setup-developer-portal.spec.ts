import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeveloperPortalOptions } from './developer-portal-options';
import { isLocalPortalRequest, isLoopbackAddress, setupDeveloperPortal } from './setup-developer-portal';

@Module({})
class EmptyModule {}

const document: OpenAPIObject = {
  openapi: '3.0.0',
  info: { title: 'Echo API', version: '1.0' },
  paths: { '/resource': { get: { operationId: 'retrieve-resource', responses: { '200': { description: 'ok' } } } } },
};

const options: DeveloperPortalOptions = {
  apis: [
    {
      id: 'echo-api',
      name: 'Echo API',
      path: 'echo',
      document,
      subscriptionKeyHeaderName: 'Ocp-Apim-Subscription-Key',
      subscriptionRequired: true,
      scope: 'api://echo/.default',
    },
    {
      id: 'protected-api',
      name: 'Protected API',
      path: 'protected',
      document,
      subscriptionKeyHeaderName: 'X-Key',
      subscriptionRequired: false,
      scope: 'api://legacy/.default',
    },
  ],
  tokenUrl: 'https://localhost:5443/tenant/oauth2/v2.0/token',
  clientId: 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41',
  subscriptions: [
    {
      id: 'worker',
      name: 'Worker <b>',
      scopeLabel: 'all APIs',
      apiIds: ['echo-api', 'protected-api'],
      state: 'active',
    },
    {
      id: 'revoked',
      name: 'Revoked',
      scopeLabel: 'all APIs',
      apiIds: ['echo-api', 'protected-api'],
      state: 'suspended',
      disabledReason: 'suspended: refused',
    },
  ],
  subscriptionKeys: new Map([['worker', 'key-"1"']]),
};

describe('setupDeveloperPortal (Express, over loopback)', () => {
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { bodyParser: false, logger: false });
    setupDeveloperPortal(app, options);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  it('serves Swagger UI at /docs with its assets', async () => {
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    const bundle = await fetch(`${base}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    await bundle.arrayBuffer();
  });

  it('serves the start panel with the picker (keys to this machine, escaped) and the portal script', async () => {
    const page = await (await fetch(`${base}/docs`)).text();
    expect(page).toContain("<script src='/docs/portal-ui.js'></script>");
    expect(page).toContain('.portal-start');
    const panel = await fetch(`${base}/docs/start`);
    expect(panel.status).toBe(200);
    expect(panel.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await panel.text();
    expect(html).toContain('<option value="worker" data-key="key-&quot;1&quot;" selected>Worker &lt;b&gt;');
    expect(html).toMatch(/<option value="revoked" disabled title="suspended: refused">/);
    expect(html).toContain('npm run trust');
    const script = await fetch(`${base}/docs/portal-ui.js`);
    expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(await script.text()).toContain('"identityOrigin":"https://localhost:5443"');
  });

  it('lists every API in the definition picker and pre-fills the OAuth client', async () => {
    const init = await (await fetch(`${base}/docs/swagger-ui-init.js`)).text();
    const options = JSON.parse(init.slice(init.indexOf('let options = ') + 14, init.indexOf(';\n  url = options')));
    expect(options.customOptions).toMatchObject({
      urls: [
        { url: '/docs/echo-api/openapi.json', name: 'Echo API' },
        { url: '/docs/protected-api/openapi.json', name: 'Protected API' },
      ],
      persistAuthorization: true,
      // Two APIs with two scopes: nothing pre-ticked (Swagger UI would tick both in every dialog).
      initOAuth: { clientId: 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41', scopes: [] },
    });
  });

  it("serves each API's document rewritten for the gateway", async () => {
    const response = await fetch(`${base}/docs/echo-api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await response.json()) as OpenAPIObject;
    expect(served.servers).toEqual([{ url: '/echo', description: expect.any(String) }]);
    expect(served.paths['/resource'].get?.security).toEqual([
      { 'oauth2-echo-api': ['api://echo/.default'], subscriptionKey: [] },
    ]);
    const other = (await (await fetch(`${base}/docs/protected-api/openapi.json`)).json()) as OpenAPIObject;
    expect(other.servers?.[0].url).toBe('/protected');
    expect(other.paths['/resource'].get?.security).toEqual([{ 'oauth2-protected-api': ['api://legacy/.default'] }]);
  });

  it('leaves the keys out for a Host that does not name this machine', async () => {
    // fetch cannot set Host; node:http can.
    const html = await new Promise<string>((resolve, reject) => {
      const request = httpGet(`${base}/docs/start`, { headers: { host: 'rebound.example' } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
      });
      request.on('error', reject);
    });
    expect(html).toContain('<select id="portal-subscription">');
    expect(html).not.toContain('data-key');
  });

  it('serves no other documents', async () => {
    expect((await fetch(`${base}/docs-json`)).status).toBe(404);
    expect((await fetch(`${base}/docs/unknown-api/openapi.json`)).status).toBe(404);
  });
});

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['172.17.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1', false],
    ['localhost', false],
    [undefined, false],
  ])('%s → %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});

describe('isLocalPortalRequest', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1:8080', true],
    ['127.0.0.1', 'localhost:8080', true],
    ['::1', '[::1]:8080', true],
    ['127.0.0.1', 'portal.localhost', true],
    // A page whose DNS name was rebound to 127.0.0.1 still sends its own name.
    ['127.0.0.1', 'attacker.example:8080', false],
    ['127.0.0.1', undefined, false],
    ['172.17.0.1', 'localhost:8080', false],
  ])('%s with Host %s → %s', (address, host, local) => {
    expect(isLocalPortalRequest(address, host)).toBe(local);
  });
});
