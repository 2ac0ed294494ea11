import { join } from 'node:path';
import { ConfigError, loadIdentityConfig } from './config';

const cwd = join('/', 'repo');

it('applies the documented defaults, resolving paths against the working folder', () => {
  expect(loadIdentityConfig({}, cwd)).toEqual({
    port: 5443,
    host: '127.0.0.1',
    dataDir: join(cwd, '.data'),
    registrationsPath: join(cwd, 'config', 'identity', 'registrations.json'),
    issuerMode: 'local',
    publicUrl: undefined,
    keyRotationIntervalSeconds: undefined,
    keyPublishDelaySeconds: 300,
    tokenLifetimeSeconds: 3599,
    logLevel: 'info',
    corsOrigins: ['http://localhost:8080', 'http://127.0.0.1:8080'],
  });
});

it('reads every variable, treating empty ones as unset', () => {
  const config = loadIdentityConfig(
    {
      IDENTITY_PORT: '0',
      IDENTITY_HOST: '0.0.0.0',
      IDENTITY_DATA_DIR: '/var/lib/identity',
      IDENTITY_REGISTRATIONS: 'my.json',
      IDENTITY_ISSUER_MODE: 'microsoft',
      IDENTITY_PUBLIC_URL: 'https://identity:5443',
      IDENTITY_KEY_ROTATION_HOURS: '0.5',
      IDENTITY_KEY_PUBLISH_DELAY_SECONDS: '180',
      IDENTITY_TOKEN_LIFETIME_SECONDS: ' ',
      LOG_LEVEL: 'debug',
      IDENTITY_CORS_ORIGINS: 'http://localhost:8080, https://portal.example/',
    },
    cwd,
  );
  expect(config).toMatchObject({
    port: 0,
    host: '0.0.0.0',
    dataDir: '/var/lib/identity',
    registrationsPath: join(cwd, 'my.json'),
    issuerMode: 'microsoft',
    publicUrl: 'https://identity:5443',
    keyRotationIntervalSeconds: 1800,
    keyPublishDelaySeconds: 180,
    tokenLifetimeSeconds: 3599,
    logLevel: 'debug',
    corsOrigins: ['http://localhost:8080', 'https://portal.example'],
  });
});

it('names every bad variable, its value and what to set', () => {
  let error: unknown;
  try {
    loadIdentityConfig(
      {
        IDENTITY_PORT: '70000',
        IDENTITY_ISSUER_MODE: 'azure',
        IDENTITY_KEY_ROTATION_HOURS: '-1',
        IDENTITY_KEY_PUBLISH_DELAY_SECONDS: '0',
        LOG_LEVEL: 'loud',
        IDENTITY_PUBLIC_URL: 'http://x',
        IDENTITY_CORS_ORIGINS: 'http://localhost:8080,localhost:3000',
      },
      cwd,
    );
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as Error).message;
  expect(message).toContain('IDENTITY_PORT="70000": must be a port number from 0 to 65535');
  expect(message).toContain(`IDENTITY_ISSUER_MODE="azure": must be 'local' or 'microsoft'`);
  expect(message).toContain('IDENTITY_KEY_ROTATION_HOURS="-1": must be a positive number of hours');
  expect(message).toContain(
    'IDENTITY_KEY_PUBLISH_DELAY_SECONDS="0": must be at least 180 seconds: validators refresh their key cache every 120 s',
  );
  expect(message).toContain('emergency=true');
  expect(message).toContain('LOG_LEVEL="loud": must be one of');
  expect(message).toContain('IDENTITY_PUBLIC_URL="http://x": must be an https URL');
  expect(message).toContain(
    `IDENTITY_CORS_ORIGINS="http://localhost:8080,localhost:3000": 'localhost:3000' is not an origin; write scheme, host and port only`,
  );
});
