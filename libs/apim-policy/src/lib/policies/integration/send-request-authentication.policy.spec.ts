import { HeaderBag } from '../../context/header-bag';
import { PolicyTestHost } from '../../testing/policy-test-host';
import type { PolicyHttpClient, PolicyHttpRequest } from '../services/policy-http-client';
import type { ManagedIdentityTokenSource } from '../services/managed-identity';

/** An HTTP client that records what it was asked and answers 200. */
function recordingHttp() {
  const sent: PolicyHttpRequest[] = [];
  const http: PolicyHttpClient = {
    async send(request) {
      sent.push(request);
      return { statusCode: 200, headers: new HeaderBag(), body: Buffer.from('{}') };
    },
  };
  return { http, sent };
}

/** The gateway's identity: a token per resource; `https://down.test` has none. */
function identity() {
  const asked: Array<[string, string | undefined]> = [];
  const source: ManagedIdentityTokenSource = {
    async getToken(resource, clientId) {
      asked.push([resource, clientId]);
      if (resource === 'https://down.test') throw new Error('identity endpoint unreachable');
      return `token-for-${resource}`;
    },
  };
  return { source, asked };
}

const inbound = (statements: string) =>
  `<policies><inbound>${statements}</inbound><backend /><outbound />
    <on-error>
      <set-header name="X-Reason" exists-action="override"><value>@(context.LastError.Source + "/" + context.LastError.Reason)</value></set-header>
    </on-error></policies>`;

const sendRequest = (children: string, attributes = '') =>
  inbound(`<send-request mode="new" response-variable-name="r"${attributes}>
      <set-url>https://orders.test/check</set-url>
      <set-method>GET</set-method>
      ${children}
    </send-request>`);

describe('send-request with nested authentication', () => {
  it('authentication-basic sets the call`s Authorization header, replacing one set-header gave', async () => {
    const { http, sent } = recordingHttp();
    const host = new PolicyTestHost({
      services: { http },
      namedValues: { 'orders-password': 'pä55:word' },
      policies: {
        api: sendRequest(`
          <set-header name="Authorization" exists-action="override"><value>Bearer not-this-one</value></set-header>
          <authentication-basic username="@(&quot;svc-&quot; + &quot;orders&quot;)" password="{{orders-password}}" />`),
      },
    });
    const result = await host.send({ path: '/', headers: { Authorization: 'Bearer client-token' } });
    expect(result.status).toBe(200);
    expect(sent[0].headers.get('authorization')).toEqual([
      `Basic ${Buffer.from('svc-orders:pä55:word', 'utf8').toString('base64')}`,
    ]);
    // The request being processed keeps its own header.
    expect(result.forwarded?.headers['authorization']).toBe('Bearer client-token');
  });

  it('authentication-managed-identity sends the gateway identity`s token as Bearer', async () => {
    const { http, sent } = recordingHttp();
    const tokens = identity();
    const host = new PolicyTestHost({
      services: { http, managedIdentity: tokens.source },
      policies: {
        api: sendRequest('<authentication-managed-identity resource="api://orders" client-id="user-assigned-1" />'),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(200);
    expect(sent[0].headers.get('authorization')).toEqual(['Bearer token-for-api://orders']);
    expect(tokens.asked).toEqual([['api://orders', 'user-assigned-1']]);
  });

  it('with output-token-variable-name stores the token and leaves the header alone', async () => {
    const { http, sent } = recordingHttp();
    const host = new PolicyTestHost({
      services: { http, managedIdentity: identity().source },
      policies: {
        api: sendRequest(
          '<authentication-managed-identity resource="https://vault.test" output-token-variable-name="msi" />',
        ),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.variables['msi']).toBe('token-for-https://vault.test');
    expect(sent[0].headers.has('authorization')).toBe(false);
  });

  it('fails the request when no token is obtained, with the top-level policy`s LastError, and sends nothing', async () => {
    const { http, sent } = recordingHttp();
    const host = new PolicyTestHost({
      services: { http, managedIdentity: identity().source },
      policies: {
        // send-request's own ignore-error covers the call, not the token: the identity's ignore-error decides.
        api: sendRequest('<authentication-managed-identity resource="https://down.test" />', ' ignore-error="true"'),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(500);
    expect(result.lastError).toMatchObject({
      source: 'authentication-managed-identity',
      reason: 'ManagedIdentityTokenNotObtained',
    });
    expect(result.headers['x-reason']).toBe('authentication-managed-identity/ManagedIdentityTokenNotObtained');
    expect(sent).toHaveLength(0);
  });

  it('sends the call without a token when the identity`s ignore-error="true"', async () => {
    const { http, sent } = recordingHttp();
    const host = new PolicyTestHost({
      services: { http, managedIdentity: identity().source },
      policies: {
        api: sendRequest('<authentication-managed-identity resource="https://down.test" ignore-error="true" />'),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0].headers.has('authorization')).toBe(false);
  });

  it('authentication-certificate gives the call its client certificate', async () => {
    const { http, sent } = recordingHttp();
    const pfx = Buffer.from([0x30, 0x82, 0x01, 0x02, 0x03]);
    const host = new PolicyTestHost({
      services: { http },
      namedValues: { 'orders-pfx': pfx.toString('base64'), 'orders-pfx-password': 'dev-only' },
      policies: {
        api: sendRequest(
          '<authentication-certificate body="@(Convert.FromBase64String(&quot;{{orders-pfx}}&quot;))" password="{{orders-pfx-password}}" />',
        ),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(200);
    expect(sent[0].clientCertificate).toEqual({ pfx, passphrase: 'dev-only' });
  });

  it('authentication-certificate whose body gives no bytes fails the request as an expression error', async () => {
    const { http, sent } = recordingHttp();
    const host = new PolicyTestHost({
      services: { http },
      policies: { api: sendRequest('<authentication-certificate body="@(new byte[0])" />') },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(500);
    expect(sent).toHaveLength(0);
  });

  it('sends no certificate and no Authorization without those children', async () => {
    const { http, sent } = recordingHttp();
    const host = new PolicyTestHost({ services: { http }, policies: { api: sendRequest('') } });
    await host.send({ path: '/', headers: { Authorization: 'Bearer client-token' } });
    expect(sent[0].clientCertificate).toBeUndefined();
    expect(sent[0].headers.has('authorization')).toBe(false);
  });

  it.each([
    [
      '<authentication-basic username="a" password="b" /><authentication-managed-identity resource="x" />',
      'both set the Authorization header',
    ],
    ['<authentication-basic username="a:b" password="p" />', 'cannot contain ":"'],
    ['<authentication-certificate thumbprint="ABC" />', 'no certificate store'],
    [
      '<authentication-certificate body="@(new byte[1])" /><authentication-certificate body="@(new byte[1])" />',
      'may appear once',
    ],
    ['<proxy url="http://p" />', 'proxies are not supported'],
  ])('refuses %s at load', (children, message) => {
    const { http } = recordingHttp();
    expect(
      () =>
        new PolicyTestHost({
          services: { http, managedIdentity: identity().source },
          policies: { api: sendRequest(children) },
        }),
    ).toThrow(message);
  });

  it('refuses authentication-managed-identity at load when the gateway has no managed identity', () => {
    const { http } = recordingHttp();
    expect(
      () =>
        new PolicyTestHost({
          services: { http },
          policies: { api: sendRequest('<authentication-managed-identity resource="x" />') },
        }),
    ).toThrow('pass services.managedIdentity');
  });
});

describe('send-one-way-request with nested authentication', () => {
  it('sends the certificate and the managed identity token', async () => {
    const { http, sent } = recordingHttp();
    const host = new PolicyTestHost({
      services: { http, managedIdentity: identity().source },
      policies: {
        api: inbound(`
          <send-one-way-request mode="new">
            <set-url>https://hooks.test/notify</set-url>
            <set-method>POST</set-method>
            <authentication-certificate body="@(new byte[] { 1, 2, 3 })" />
            <authentication-managed-identity resource="https://hooks.test" />
          </send-one-way-request>`),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(200);
    expect(sent[0].headers.get('authorization')).toEqual(['Bearer token-for-https://hooks.test']);
    expect(sent[0].clientCertificate).toEqual({ pfx: Buffer.from([1, 2, 3]), passphrase: undefined });
  });
});
