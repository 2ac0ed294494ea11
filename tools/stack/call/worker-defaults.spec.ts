import { localStackEnv } from '../local-env';
import { readRegistrations, workerDefaults } from './worker-defaults';

/** The worker's variables as `npm start` sets them, in worker-defaults' shape. */
function fromLocalStackEnv(env: NodeJS.ProcessEnv) {
  const e = localStackEnv(env);
  return {
    authority: e['WORKER_AUTHORITY'],
    clientId: e['WORKER_CLIENT_ID'],
    credential: e['WORKER_CERTIFICATE_PATH']
      ? {
          kind: 'certificate',
          certificatePath: e['WORKER_CERTIFICATE_PATH'],
          privateKeyPath: e['WORKER_PRIVATE_KEY_PATH'] ?? e['WORKER_CERTIFICATE_PATH'],
        }
      : { kind: 'secret', clientSecret: e['WORKER_CLIENT_SECRET'] },
    scope: e['WORKER_SCOPE'],
    baseUrl: e['WORKER_API_BASE_URL'],
    subscriptionKey: e['WORKER_SUBSCRIPTION_KEY'],
  };
}

describe('workerDefaults', () => {
  it.each([
    ['no variables', {}],
    ['other ports', { IDENTITY_PORT: '6443', GATEWAY_PORT: '9090' }],
    ['a key for the worker subscription', { GATEWAY_WORKER_PRIMARY_KEY: 'rotated-key' }],
    ['a certificate', { WORKER_CERTIFICATE_PATH: 'c.pem', WORKER_PRIVATE_KEY_PATH: 'k.pem' }],
    [
      'a real tenant',
      {
        WORKER_AUTHORITY: 'https://login.microsoftonline.com/t',
        WORKER_CLIENT_ID: 'c',
        WORKER_CLIENT_SECRET: 's',
        WORKER_SCOPE: 'api://x/.default',
        WORKER_API_BASE_URL: 'https://apim.example.net',
        WORKER_SUBSCRIPTION_KEY: 'k',
      },
    ],
    ['an empty variable, which counts as unset', { WORKER_SCOPE: '' }],
  ])('are what npm start gives the worker: %s', (_what, variables: NodeJS.ProcessEnv) => {
    const env = { PATH: process.env['PATH'], ...variables };
    expect(workerDefaults(readRegistrations(env), env)).toEqual(fromLocalStackEnv(env));
  });
});
