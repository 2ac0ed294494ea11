import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { PolicyTestHost } from '@stack/apim-policy';
import { createTestPki, opensslAvailable, skipUnlessAvailable, type TestPki } from '@stack/testing';
import { BackendClient } from './backend-client';
import { BackendFailure } from './backend-failure';
import { readAll } from '../testing/loopback-test-kit';

/**
 * authentication-certificate through the real forwarder: the PFX a policy chose is presented in the TLS handshake
 * with an HTTPS backend that asks for client certificates. Certificates are made with the openssl command line.
 */
const skip = skipUnlessAvailable({
  what: 'backend client-certificate tests (authentication-certificate)',
  tool: 'openssl',
  available: opensslAvailable(),
  install: 'sudo apt-get install -y openssl (macOS: brew install openssl)',
});

(skip ? describe.skip : describe)('authentication-certificate: the client certificate reaches the backend', () => {
  let pki: TestPki;
  let backend: Server;
  let backendUrl: string;
  let client: BackendClient;

  beforeAll(async () => {
    pki = createTestPki({ clientCommonName: 'gateway-backend-client' });
    // Asks for a certificate, reports what it saw; the test decides what counts.
    backend = createServer(
      { key: pki.serverKey, cert: pki.serverCert, ca: pki.caPem, requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        const socket = req.socket as TLSSocket;
        const peer = socket.getPeerCertificate();
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ authorized: socket.authorized, subject: peer?.subject?.CN ?? null }));
      },
    );
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    backendUrl = `https://localhost:${(backend.address() as AddressInfo).port}`;
    client = new BackendClient({ ca: [pki.caPem] });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await new Promise((resolve) => backend?.close(resolve));
  });

  /** Runs the policy in-process, then forwards its context with the gateway's real client. */
  async function forwardWith(policy: string, namedValues: Record<string, string>) {
    const host = new PolicyTestHost({
      api: { serviceUrl: backendUrl },
      namedValues,
      policies: { api: `<policies><inbound>${policy}</inbound><backend /><outbound /><on-error /></policies>` },
    });
    const result = await host.send({ path: '/who' });
    if (!result.context) throw new Error('no context');
    await client.forward(result.context);
    return JSON.parse((await readAll(result.context.response?.body)).toString()) as {
      authorized: boolean;
      subject: string | null;
    };
  }

  const fromNamedValues = `<authentication-certificate body="@(Convert.FromBase64String(&quot;{{backend-pfx}}&quot;))" password="{{backend-pfx-password}}" />`;

  it('presents the PFX the policy gave, which the backend verifies against its CA', async () => {
    const seen = await forwardWith(fromNamedValues, {
      'backend-pfx': pki.clientPfx.toString('base64'),
      'backend-pfx-password': pki.clientPfxPassword,
    });
    expect(seen).toEqual({ authorized: true, subject: 'gateway-backend-client' });
  });

  it('presents no certificate without the policy, and another certificate on another pool', async () => {
    expect(await forwardWith('', {})).toEqual({ authorized: false, subject: null });
    const other = await forwardWith(
      `<authentication-certificate body="@(Convert.FromBase64String(&quot;{{other}}&quot;))" password="" />`,
      { other: pki.otherPfx.toString('base64') },
    );
    expect(other).toEqual({ authorized: false, subject: 'self-signed' });
  });

  it('fails with 502 naming the certificate, not the password, when the PFX does not load', async () => {
    const error = await forwardWith(fromNamedValues, {
      'backend-pfx': pki.clientPfx.toString('base64'),
      'backend-pfx-password': 'wrong-password',
    }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(BackendFailure);
    expect(error).toMatchObject({ status: 502, reason: 'BackendConnectionFailure' });
    expect((error as Error).message).toMatch(/client certificate of authentication-certificate could not be loaded/);
    expect((error as Error).message).not.toContain('wrong-password');
  });
});
