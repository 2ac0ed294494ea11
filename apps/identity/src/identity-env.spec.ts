import { resolve } from 'node:path';
import { loadIdentityEnv } from './identity-env';

describe('loadIdentityEnv', () => {
  it('defaults to https://localhost:5443 with .data and the default registrations', () => {
    expect(loadIdentityEnv({})).toMatchObject({
      port: 5443,
      host: '127.0.0.1',
      dataDir: resolve('.data'),
      registrationsPath: resolve('config/identity/registrations.json'),
      issuerMode: 'local',
      logger: 'info',
    });
  });

  it('maps the rotation schedule from hours to seconds and takes a public URL', () => {
    const options = loadIdentityEnv({ IDENTITY_KEY_ROTATION_HOURS: '24', IDENTITY_PUBLIC_URL: 'https://identity:5443' });
    expect(options).toMatchObject({ keyRotationIntervalSeconds: 86_400, publicUrl: 'https://identity:5443' });
  });

  it('names every variable to fix', () => {
    expect(() =>
      loadIdentityEnv({ IDENTITY_PORT: 'x', IDENTITY_ISSUER_MODE: 'azure', IDENTITY_PUBLIC_URL: 'http://identity' }),
    ).toThrow(/IDENTITY_PORT[\s\S]*IDENTITY_ISSUER_MODE: must be "local" or "microsoft"[\s\S]*IDENTITY_PUBLIC_URL: must be an https URL/);
  });
});
