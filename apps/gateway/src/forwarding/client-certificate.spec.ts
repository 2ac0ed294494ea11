import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { PolicyTestHost } from '@stack/apim-policy';
import { skipUnlessAvailable } from '@stack/testing';
import { BackendClient } from './backend-client';
import { BackendFailure } from './backend-failure';
import { readAll } from '../testing/loopback-test-kit';

/**
 * authentication-certificate through the real forwarder: the PFX a policy chose is presented in the TLS handshake
 * with an HTTPS backend that asks for client certificates. Certificates are made with the openssl command line.
 */
const openssl = spawnSync('openssl', ['version'], { stdio: 'ignore' });
const skip = skipUnlessAvailable({
  what: 'backend client-certificate tests (authentication-certificate)',
  tool: 'openssl',
  available: !openssl.error && openssl.status === 0,
  install: 'sudo apt-get install -y openssl (macOS: brew install openssl)',
});

interface Pki {
  readonly caPem: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientPfx: Buffer;
  readonly otherPfx: Buffer;
}

function makePki(dir: string): Pki {
  const run = (...args: string[]) => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  const at = (name: string) => join(dir, name);
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=Backend Test CA',
  );
  writeFileSync(at('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  const issue = (name: string, subject: string, extfile?: string) => {
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      ...(extfile ? ['-extfile', extfile] : []),
    );
  };
  issue('server', '/CN=localhost', 'server.ext');
  issue('client', '/CN=gateway-backend-client');
  run(
    'pkcs12',
    '-export',
    '-inkey',
    'client.key',
    '-in',
    'client.pem',
    '-out',
    'client.pfx',
    '-passout',
    'pass:dev-only-pfx-password',
  );
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'other.key',
    '-out',
    'other.pem',
    '-days',
    '1',
    '-subj',
    '/CN=self-signed',
  );
  run('pkcs12', '-export', '-inkey', 'other.key', '-in', 'other.pem', '-out', 'other.pfx', '-passout', 'pass:');
  return {
    caPem: readFileSync(at('ca.pem'), 'utf8'),
    serverKey: readFileSync(at('server.key'), 'utf8'),
    serverCert: readFileSync(at('server.pem'), 'utf8'),
    clientPfx: readFileSync(at('client.pfx')),
    otherPfx: readFileSync(at('other.pfx')),
  };
}

(skip ? describe.skip : describe)('authentication-certificate: the client certificate reaches the backend', () => {
  let dir: string;
  let pki: Pki;
  let backend: Server;
  let backendUrl: string;
  let client: BackendClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backend-mtls-'));
    pki = makePki(dir);
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
    rmSync(dir, { recursive: true, force: true });
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
      'backend-pfx-password': 'dev-only-pfx-password',
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
