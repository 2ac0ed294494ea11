import { join } from 'node:path';
import { composeConfig, composeServicesOf, type ComposeConfig } from '@stack/testing';
import { loadWorkerConfig } from './worker-config';

// The worker replicas of docker-compose.yml get an environment the worker's own loader accepts.
const repoRoot = join(__dirname, '..', '..', '..', '..');

describe.each([
  ['the compose defaults', () => composeConfig()],
  ['.env.example', () => composeConfig({ envFile: join(repoRoot, '.env.example') })],
])('docker-compose.yml worker services with %s', (_, load: () => ComposeConfig) => {
  const config = load();
  const workers = composeServicesOf(config, 'worker');

  it('runs two replicas that share one Redis and wait for the identity service, the gateway and Redis to be healthy', () => {
    expect(workers.map((service) => service.name).sort()).toEqual(['worker-1', 'worker-2']);
    for (const worker of workers) {
      expect(worker.environment['REDIS_URL']).toBe('redis://redis:6379');
      expect(worker.dependsOn).toEqual({
        identity: 'service_healthy',
        gateway: 'service_healthy',
        redis: 'service_healthy',
      });
      expect(worker.healthcheck?.join(' ')).toContain('/health');
    }
    expect(config.services['redis']?.healthcheck).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it.each(['worker-1', 'worker-2'])('%s: the worker config loader accepts its environment', (name) => {
    const worker = config.services[name];
    const loaded = loadWorkerConfig(worker?.environment ?? {});
    expect(loaded).toMatchObject({
      authority: 'https://identity:5443/3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60',
      knownAuthorities: ['identity:5443'],
      credential: { kind: 'secret' },
      // Through the gateway with the worker subscription's DEV ONLY key (config/gateway/named-values.json).
      apiBaseUrl: 'http://gateway:8080',
      apiPath: '/protected/resource',
      subscriptionKey: 'dev-only-worker-primary-key',
      host: '0.0.0.0',
      healthPort: 3002,
      redisUrl: 'redis://redis:6379',
    });
    expect(worker?.environment['NODE_EXTRA_CA_CERTS']).toBe('/app/.data/certs/ca.pem');
    expect(worker?.volumes).toContain('dev-ca:/app/.data/certs:ro');
    expect(worker?.ports.every((port) => port.startsWith('127.0.0.1:'))).toBe(true);
  });
});
