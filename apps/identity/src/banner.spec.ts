import { defaultRegistrations, startIdentity, type TestIdentity } from '@stack/testing';
import { formatBanner } from './banner';

let identity: TestIdentity;
beforeAll(async () => {
  identity = await startIdentity();
});
afterAll(() => identity.dispose());

it('lists the tenant, the authority, the endpoints and every registered app, without secrets', () => {
  const banner = formatBanner(identity, identity.dataDir);
  expect(banner).toContain(`${defaultRegistrations.tenantId} (domain ${defaultRegistrations.tenantDomain})`);
  expect(banner).toContain(`Authority     ${identity.authority()}`);
  expect(banner).toContain(`knownAuthorities ['localhost:${identity.port}']`);
  expect(banner).toContain(`POST ${identity.authority()}/oauth2/v2.0/token`);
  expect(banner).toContain('NODE_EXTRA_CA_CERTS=certs/ca.pem');
  for (const app of [...Object.values(defaultRegistrations.apis), ...Object.values(defaultRegistrations.clients)]) {
    expect(banner).toContain(app.displayName);
  }
  expect(banner).toContain('secret (expired 2020-01-01)');
  expect(banner).toContain('clients/ago-certclient-oauth-app.pem');
  for (const client of Object.values(defaultRegistrations.clients)) {
    if (client.secret) expect(banner).not.toContain(client.secret);
  }
});
