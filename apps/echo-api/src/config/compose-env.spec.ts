import { join } from 'node:path';
import { composeConfig, composeServicesOf, type ComposeConfig } from '@stack/testing';
import { loadEchoEnv } from './echo-env';

// The echo-api service of docker-compose.yml gets an environment echo-api's own loader accepts.
const repoRoot = join(__dirname, '..', '..', '..', '..');

describe.each([
  ['the compose defaults', () => composeConfig()],
  ['.env.example', () => composeConfig({ envFile: join(repoRoot, '.env.example') })],
])('docker-compose.yml echo-api service with %s', (_, load: () => ComposeConfig) => {
  const services = composeServicesOf(load(), 'echo-api');

  it('the echo-api config loader accepts its environment: port 3001 on every interface, published on loopback', () => {
    expect(services.map((service) => service.name)).toEqual(['echo-api']);
    expect(loadEchoEnv(services[0]?.environment ?? {})).toEqual({ port: 3001, host: '0.0.0.0', maxDelayMs: 30_000 });
    expect(services[0]?.ports).toEqual(['127.0.0.1:3001:3001/tcp']);
    expect(services[0]?.healthcheck?.join(' ')).toContain('http://127.0.0.1:3001/health');
  });
});
