import { defaultRegistrations, startIdentity, type TestIdentity } from '@stack/testing';
import { bannerLines } from './banner';

let identity: TestIdentity;
beforeAll(async () => {
  identity = await startIdentity();
});
afterAll(() => identity.dispose());

it('lists the tenant, the authority, the endpoints and every registered app, without secrets', () => {
  const lines = bannerLines(identity, identity.dataDir);
  const text = lines.map((line) => line.msg).join('\n');
  expect(text).toContain(`${defaultRegistrations.tenantId} (domain ${defaultRegistrations.tenantDomain})`);
  expect(text).toContain(`Authority ${identity.authority()}`);
  expect(text).toContain(`knownAuthorities ['localhost:${identity.port}']`);
  expect(text).toContain(`POST ${identity.authority()}/oauth2/v2.0/token`);
  expect(text).toContain('NODE_EXTRA_CA_CERTS=certs/ca.pem');
  for (const app of [...Object.values(defaultRegistrations.apis), ...Object.values(defaultRegistrations.clients)]) {
    expect(text).toContain(app.displayName);
  }
  expect(text).toContain('secret (expired 2020-01-01)');
  expect(text).toContain(`Authorize ${identity.authority()}/oauth2/v2.0/authorize`);
  expect(text).toContain('User Megan Bowen  megan@stack.local');
  expect(text).toContain('groups: Echo Readers  roles: ago-apiproxy-oauth-app: Echo.Read');
  expect(text).toContain('scopes: Echo.Read.User, Echo.Write.User');
  expect(text).toContain('redirect URIs: spa http://localhost:8080/docs/oauth2-redirect.html');
  expect(text).toContain('clients/ago-certclient-oauth-app.pem');
  const everything = JSON.stringify(lines);
  for (const client of Object.values(defaultRegistrations.clients)) {
    if (client.secret) expect(everything).not.toContain(client.secret);
  }
});

it('gives the same facts as fields, one line per API and per client', () => {
  const lines = bannerLines(identity, identity.dataDir);
  const fields = Object.assign({}, ...lines.map((line) => line.fields)) as Record<string, unknown>;
  expect(fields).toMatchObject({
    tenant: { id: defaultRegistrations.tenantId, domain: defaultRegistrations.tenantDomain },
    authority: identity.authority(),
    knownAuthorities: [`localhost:${identity.port}`],
    tokenEndpoint: `${identity.authority()}/oauth2/v2.0/token`,
    devCa: 'certs/ca.pem',
    kid: identity.signingKey().kid,
  });
  const apis = lines.filter((line) => 'api' in line.fields);
  const clients = lines.filter((line) => 'client' in line.fields);
  expect(apis).toHaveLength(Object.keys(identity.registrations.apis).length);
  expect(clients).toHaveLength(Object.keys(identity.registrations.clients).length);
  for (const line of lines) expect(line.msg).not.toContain('\n');
});
