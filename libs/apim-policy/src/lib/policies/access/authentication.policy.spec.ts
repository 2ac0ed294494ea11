import { PolicyTestHost } from '../../testing/policy-test-host';
import { backendClientCertificate } from './authentication-certificate.policy';

const inbound = (statements: string) => `<policies><inbound>${statements}</inbound></policies>`;

describe('authentication-basic', () => {
  it('sends Authorization: Basic base64(username:password) (UTF-8) to the backend', async () => {
    const host = new PolicyTestHost({
      namedValues: { 'backend-password': 'pä55:word' },
      policies: {
        api: inbound(
          '<authentication-basic username="@(&quot;svc-&quot; + &quot;orders&quot;)" password="{{backend-password}}" />',
        ),
      },
    });
    const result = await host.send({ path: '/', headers: { Authorization: 'Bearer client-token' } });
    expect(result.forwarded?.headers['authorization']).toBe(
      `Basic ${Buffer.from('svc-orders:pä55:word', 'utf8').toString('base64')}`,
    );
  });

  it.each([
    ['<authentication-basic password="p" />', 'attribute "username": required'],
    ['<authentication-basic username="a:b" password="p" />', 'cannot contain ":"'],
  ])('refuses %s at load', (statement, message) => {
    expect(() => new PolicyTestHost({ policies: { api: inbound(statement) } })).toThrow(message);
  });
});

describe('authentication-managed-identity', () => {
  const tokens = {
    asked: [] as Array<[string, string | undefined]>,
    async getToken(resource: string, clientId?: string) {
      this.asked.push([resource, clientId]);
      if (resource === 'https://down.test') throw new Error('identity endpoint unreachable');
      return `token-for-${resource}${clientId ? `-as-${clientId}` : ''}`;
    },
  };
  const host = (statement: string) =>
    new PolicyTestHost({ policies: { api: inbound(statement) }, services: { managedIdentity: tokens } });

  it('sends the token for `resource` as a Bearer Authorization header', async () => {
    const result = await host('<authentication-managed-identity resource="https://vault.test" />').send({ path: '/' });
    expect(result.forwarded?.headers['authorization']).toBe('Bearer token-for-https://vault.test');
    expect(tokens.asked).toContainEqual(['https://vault.test', undefined]);
  });

  it('asks for a user-assigned identity with client-id, and stores the token in output-token-variable-name instead', async () => {
    const result = await host(
      '<authentication-managed-identity resource="api://orders" client-id="user-assigned-1" output-token-variable-name="msi" />',
    ).send({ path: '/', headers: { Authorization: 'Basic caller' } });
    expect(result.variables['msi']).toBe('token-for-api://orders-as-user-assigned-1');
    expect(result.forwarded?.headers['authorization']).toBe('Basic caller');
  });

  it('fails with 500 when no token is obtained, or goes on with ignore-error="true"', async () => {
    const failed = await host('<authentication-managed-identity resource="https://down.test" />').send({ path: '/' });
    expect(failed.status).toBe(500);
    expect(failed.lastError).toMatchObject({
      source: 'authentication-managed-identity',
      reason: 'ManagedIdentityTokenNotObtained',
    });
    expect(failed.forwarded).toBeUndefined();
    const ignored = await host(
      '<authentication-managed-identity resource="https://down.test" ignore-error="true" />',
    ).send({
      path: '/',
    });
    expect(ignored.status).toBe(200);
    expect(ignored.forwarded?.headers['authorization']).toBeUndefined();
  });

  it('refuses to load without a managed identity service, and client-id takes no expression', () => {
    expect(
      () => new PolicyTestHost({ policies: { api: inbound('<authentication-managed-identity resource="x" />') } }),
    ).toThrow('pass services.managedIdentity');
    expect(() => host('<authentication-managed-identity resource="x" client-id="@(&quot;a&quot;)" />')).toThrow(
      "policy expressions aren't allowed here",
    );
  });
});

describe('authentication-certificate', () => {
  it('records the certificate given as body (byte[]) and password for the backend call', async () => {
    const pfx = Buffer.from('not-really-a-pfx').toString('base64');
    const host = new PolicyTestHost({
      namedValues: { 'backend-cert': pfx },
      policies: {
        api: inbound(
          '<authentication-certificate body="@(Convert.FromBase64String(&quot;{{backend-cert}}&quot;))" password="secret" />',
        ),
      },
    });
    const result = await host.send({ path: '/' });
    expect([result.status, result.lastError, result.context?.failureCause]).toEqual([200, undefined, undefined]);
    const chosen = result.context && backendClientCertificate(result.context);
    expect(chosen?.pfx.toString()).toBe('not-really-a-pfx');
    expect(chosen?.passphrase).toBe('secret');
  });

  it.each([
    ['<authentication-certificate thumbprint="ABCDEF" />', 'no certificate store for thumbprint'],
    ['<authentication-certificate certificate-id="backend" />', 'no certificate store for certificate-id'],
    ['<authentication-certificate />', 'needs body="@(…)"'],
    ['<authentication-certificate body="bytes" />', 'body must be a policy expression'],
  ])('refuses %s at load', (statement, message) => {
    expect(() => new PolicyTestHost({ policies: { api: inbound(statement) } })).toThrow(message);
  });
});
