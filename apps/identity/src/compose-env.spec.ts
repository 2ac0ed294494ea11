import { join } from 'node:path';
import { composeConfig, composeServicesOf, type ComposeConfig } from '@stack/testing';
import { loadIdentityConfig } from './config';

// The identity service of docker-compose.yml gets an environment the identity app's own loader accepts.
const repoRoot = join(__dirname, '..', '..', '..');

describe.each([
  ['the compose defaults', () => composeConfig()],
  ['.env.example', () => composeConfig({ envFile: join(repoRoot, '.env.example') })],
])('docker-compose.yml identity service with %s', (_, load: () => ComposeConfig) => {
  const config = load();
  const services = composeServicesOf(config, 'identity');

  it('the identity config loader accepts its environment: reachable as https://identity:5443 from the other containers', () => {
    expect(services.map((service) => service.name)).toEqual(['identity']);
    // The image's WORKDIR is /app, so relative paths resolve there.
    expect(loadIdentityConfig(services[0]?.environment ?? {}, '/app')).toMatchObject({
      port: 5443,
      host: '0.0.0.0',
      publicUrl: 'https://identity:5443',
      dataDir: '/app/.data',
      registrationsPath: '/app/config/identity/registrations.json',
      issuerMode: 'local',
      // The gateway's developer portal asks for tokens from the browser.
      corsOrigins: ['http://localhost:8080'],
    });
    expect(services[0]?.ports).toEqual(['127.0.0.1:5443:5443/tcp']);
  });

  it('writes the dev CA to the volume every Node client mounts read-only and trusts', () => {
    expect(services[0]?.volumes).toContain('dev-ca:/app/.data/certs:rw');
    const clients = Object.values(config.services).filter((service) =>
      ['protected-api', 'gateway', 'worker'].includes(service.buildArgs['APP'] ?? ''),
    );
    expect(clients.map((client) => client.name).sort()).toEqual(['gateway', 'protected-api', 'worker-1', 'worker-2']);
    for (const client of clients) {
      expect(client.volumes).toContain('dev-ca:/app/.data/certs:ro');
      expect(client.environment['NODE_EXTRA_CA_CERTS']).toBe('/app/.data/certs/ca.pem');
      expect(client.dependsOn['identity']).toBe('service_healthy');
    }
  });
});
