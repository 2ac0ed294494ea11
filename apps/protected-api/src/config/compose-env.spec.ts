import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeConfig, composeServicesOf, type ComposeConfig } from '@stack/testing';
import { loadProtectedApiConfig } from './protected-api-config';

// The protected-api service of docker-compose.yml gets an environment protected-api's own loader accepts.
const repoRoot = join(__dirname, '..', '..', '..', '..');

describe.each([
  ['the compose defaults', () => composeConfig()],
  ['.env.example', () => composeConfig({ envFile: join(repoRoot, '.env.example') })],
])('docker-compose.yml protected-api service with %s', (_, load: () => ComposeConfig) => {
  const services = composeServicesOf(load(), 'protected-api');

  it('is one service that starts once the identity service is healthy', () => {
    expect(services.map((service) => service.name)).toEqual(['protected-api']);
    expect(services[0]?.dependsOn).toEqual({ identity: 'service_healthy' });
    expect(services[0]?.healthcheck?.join(' ')).toContain('/health/ready');
    expect(services[0]?.ports).toEqual(['127.0.0.1:3000:3000/tcp']);
  });

  it('the protected-api config loader accepts its environment: the local tenant, listening on every interface', () => {
    const environment = services[0]?.environment ?? {};
    expect(loadProtectedApiConfig(environment)).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      auth: {
        tenantId: '3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60',
        authorityHost: 'https://identity:5443',
        apiAppId: '4a41d081-77b5-4936-b87c-52b76b36dbc2',
        appIdUris: ['api://4a41d081-77b5-4936-b87c-52b76b36dbc2'],
        allowedClientIds: [],
      },
    });
    expect(environment['NODE_EXTRA_CA_CERTS']).toBe('/app/.data/certs/ca.pem');
    expect(services[0]?.volumes).toContain('dev-ca:/app/.data/certs:ro');
  });
});

describe('docker-compose.yml pointed at a real Entra tenant through .env only', () => {
  it('hands protected-api the Entra authority and app ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-entra-'));
    try {
      const envFile = join(dir, '.env');
      const tenant = '11111111-2222-4333-8444-555555555555';
      const apiAppId = '66666666-7777-4888-9999-000000000000';
      writeFileSync(
        envFile,
        [
          'AUTH_AUTHORITY_HOST=https://login.microsoftonline.com',
          `AUTH_TENANT_ID=${tenant}`,
          `AUTH_API_APP_ID=${apiAppId}`,
          `AUTH_APP_ID_URIS=api://${apiAppId}`,
        ].join('\n'),
      );
      const [service] = composeServicesOf(composeConfig({ envFile }), 'protected-api');
      expect(loadProtectedApiConfig(service?.environment ?? {}).auth).toMatchObject({
        authorityHost: 'https://login.microsoftonline.com',
        tenantId: tenant,
        apiAppId,
        appIdUris: [`api://${apiAppId}`],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
