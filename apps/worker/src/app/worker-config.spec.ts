import { loadWorkerConfig, WorkerConfigError } from './worker-config';

const base = {
  WORKER_AUTHORITY: 'https://localhost:5443/3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60',
  WORKER_CLIENT_ID: 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41',
  WORKER_CLIENT_SECRET: 'dev-secret',
  WORKER_SCOPE: 'api://4a41d081-77b5-4936-b87c-52b76b36dbc2/.default',
};

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadWorkerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkerConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadWorkerConfig', () => {
  it('applies the defaults and trusts a local authority host without instance discovery', () => {
    const config = loadWorkerConfig(base);
    expect(config).toMatchObject({
      knownAuthorities: ['localhost:5443'],
      credential: { kind: 'secret', clientSecret: 'dev-secret' },
      apiBaseUrl: 'http://localhost:8080',
      apiPath: '/protected/resource',
      intervalMs: 5000,
      maxCalls: 0,
      healthPort: 3002,
      host: '127.0.0.1',
    });
  });

  it('leaves known authorities empty for Microsoft hosts, which msal-node already knows', () => {
    const config = loadWorkerConfig({
      ...base,
      WORKER_AUTHORITY: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    });
    expect(config.knownAuthorities).toEqual([]);
  });

  it('takes a certificate instead of a secret, the key defaulting to the certificate file', () => {
    const { WORKER_CLIENT_SECRET: _, ...withoutSecret } = base;
    const config = loadWorkerConfig({ ...withoutSecret, WORKER_CERTIFICATE_PATH: 'client.pem' });
    expect(config.credential).toEqual({
      kind: 'certificate',
      certificatePath: 'client.pem',
      privateKeyPath: 'client.pem',
    });
  });

  it.each([
    [{ WORKER_AUTHORITY: 'http://localhost:5443/t' }, 'WORKER_AUTHORITY: must be an https URL'],
    [{ WORKER_SCOPE: 'api://x/Echo.Read' }, 'WORKER_SCOPE: client credentials need "<App ID URI or appId>/.default"'],
    [{ WORKER_CERTIFICATE_PATH: 'c.pem' }, 'set exactly one credential'],
    [{ WORKER_CLIENT_SECRET: undefined }, 'set exactly one credential'],
    [{ WORKER_CLIENT_ID: '' }, "WORKER_CLIENT_ID: set it to the client app's Application (client) ID"],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL: must look like redis://host:6379'],
  ])('names the variable to fix: %j', (override, message) => {
    expect(errorOf({ ...base, ...override })).toContain(message);
  });

  it('lists every problem at once', () => {
    const message = errorOf({});
    for (const name of ['WORKER_AUTHORITY', 'WORKER_CLIENT_ID', 'WORKER_SCOPE']) {
      expect(message).toContain(name);
    }
  });
});
