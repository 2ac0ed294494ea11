import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  HeaderBag,
  PolicyHttpError,
  PolicyTestHost,
  type PolicyHttpRequest,
  type ResponseState,
} from '@stack/apim-policy';
import { createTestPki, opensslAvailable, skipUnlessAvailable, type TestPki } from '@stack/testing';
import { UndiciPolicyHttpClient } from './http-client';

/**
 * send-request's nested authentication-certificate through the real policy HTTP client: the PFX is presented in the
 * TLS handshake with an HTTPS service that asks for client certificates. Certificates are made with the openssl CLI.
 */
const skip = skipUnlessAvailable({
  what: 'policy HTTP client client-certificate tests (send-request authentication-certificate)',
  tool: 'openssl',
  available: opensslAvailable(),
  install: 'sudo apt-get install -y openssl (macOS: brew install openssl)',
});

interface Seen {
  readonly authorized: boolean;
  readonly subject: string | null;
}

(skip ? describe.skip : describe)('UndiciPolicyHttpClient with a client certificate', () => {
  let pki: TestPki;
  let server: Server;
  let origin: string;
  let client: UndiciPolicyHttpClient;

  beforeAll(async () => {
    pki = createTestPki({ clientCommonName: 'policy-client' });
    // Asks for a certificate and reports what it saw; /moved redirects to /who on the same server.
    server = createServer(
      { key: pki.serverKey, cert: pki.serverCert, ca: pki.caPem, requestCert: true, rejectUnauthorized: false },
      (request, response) => {
        if (request.url === '/moved') {
          response.writeHead(302, { location: '/who' });
          response.end();
          return;
        }
        const socket = request.socket as TLSSocket;
        const peer = socket.getPeerCertificate();
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ authorized: socket.authorized, subject: peer?.subject?.CN ?? null }));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `https://localhost:${(server.address() as AddressInfo).port}`;
    client = new UndiciPolicyHttpClient({ ca: [pki.caPem] });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function call(path: string, extra: Partial<PolicyHttpRequest> = {}): Promise<Seen> {
    const answer = await client.send({
      method: 'GET',
      url: `${origin}${path}`,
      headers: new HeaderBag(),
      timeoutMs: 10_000,
      ...extra,
    });
    expect(answer.statusCode).toBe(200);
    return JSON.parse(answer.body.toString()) as Seen;
  }

  it('presents the PFX in the TLS handshake; the service verifies it against its CA', async () => {
    const seen = await call('/who', {
      clientCertificate: { pfx: pki.clientPfx, passphrase: pki.clientPfxPassword },
    });
    expect(seen).toEqual({ authorized: true, subject: 'policy-client' });
  });

  it('presents none without one, and another certificate on another pool', async () => {
    expect(await call('/who')).toEqual({ authorized: false, subject: null });
    expect(await call('/who', { clientCertificate: { pfx: pki.otherPfx, passphrase: '' } })).toEqual({
      authorized: false,
      subject: 'self-signed',
    });
  });

  it('follows redirects with the certificate', async () => {
    const seen = await call('/moved', {
      followRedirects: true,
      clientCertificate: { pfx: pki.clientPfx, passphrase: pki.clientPfxPassword },
    });
    expect(seen).toEqual({ authorized: true, subject: 'policy-client' });
  });

  it('carries the certificate of a nested authentication-certificate from send-request to the service', async () => {
    const host = new PolicyTestHost({
      services: { http: client },
      namedValues: { 'service-pfx': pki.clientPfx.toString('base64'), 'service-pfx-password': pki.clientPfxPassword },
      policies: {
        api: `<policies><inbound>
            <send-request mode="new" response-variable-name="seen" timeout="10">
              <set-url>${origin}/who</set-url>
              <set-method>GET</set-method>
              <authentication-certificate body="@(Convert.FromBase64String(&quot;{{service-pfx}}&quot;))" password="{{service-pfx-password}}" />
            </send-request>
          </inbound><backend /><outbound /><on-error /></policies>`,
      },
    });
    const result = await host.send({ path: '/' });
    const seen = result.variables['seen'] as ResponseState;
    expect(seen.statusCode).toBe(200);
    expect(JSON.parse(Buffer.from(seen.body as Buffer).toString())).toEqual({
      authorized: true,
      subject: 'policy-client',
    });
  });

  it('fails with BackendConnectionFailure, never naming the password, when the PFX does not load', async () => {
    const error = await client
      .send({
        method: 'GET',
        url: `${origin}/who`,
        headers: new HeaderBag(),
        timeoutMs: 10_000,
        clientCertificate: { pfx: pki.clientPfx, passphrase: 'wrong-password' },
      })
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PolicyHttpError);
    expect(error).toMatchObject({ kind: 'BackendConnectionFailure' });
    expect((error as Error).message).toMatch(/client certificate could not be loaded/);
    expect((error as Error).message).not.toContain('wrong-password');
  });
});
