import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PKI for TLS tests: a CA, a server certificate for localhost, and client certificates as PFX. */
export interface TestPki {
  readonly caPem: string;
  /** Server key and certificate (PEM) for `localhost` and 127.0.0.1, issued by the CA. */
  readonly serverKey: string;
  readonly serverCert: string;
  /** A client certificate issued by the CA (CN `clientCommonName`), PKCS#12 with `clientPfxPassword`. */
  readonly clientPfx: Buffer;
  readonly clientPfxPassword: string;
  /** A self-signed client certificate (CN `self-signed`) the CA did not issue, PKCS#12 with an empty password. */
  readonly otherPfx: Buffer;
}

export interface TestPkiOptions {
  /** Default `test-client`. */
  readonly clientCommonName?: string;
  /** Default `dev-only-pfx-password`. */
  readonly clientPfxPassword?: string;
}

/** Whether the `openssl` command line is on PATH (guard the tests with skipUnlessAvailable). */
export function opensslAvailable(): boolean {
  const result = spawnSync('openssl', ['version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/**
 * Makes a {@link TestPki} with the openssl command line (RSA 2048, valid one day) in a temporary folder, reads it into
 * memory and removes the folder. Nothing is written anywhere else; every call makes new keys.
 */
export function createTestPki(options: TestPkiOptions = {}): TestPki {
  const clientPfxPassword = options.clientPfxPassword ?? 'dev-only-pfx-password';
  const dir = mkdtempSync(join(tmpdir(), 'test-pki-'));
  try {
    const run = (...args: string[]) => {
      const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr ?? result.error}`);
    };
    const selfSigned = (name: string, subject: string) =>
      run(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.pem`,
        '-days',
        '1',
        '-subj',
        subject,
      );
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
    const pfx = (name: string, password: string) =>
      run(
        'pkcs12',
        '-export',
        '-inkey',
        `${name}.key`,
        '-in',
        `${name}.pem`,
        '-out',
        `${name}.pfx`,
        '-passout',
        `pass:${password}`,
      );

    selfSigned('ca', '/CN=Test CA');
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    issue('server', '/CN=localhost', 'server.ext');
    issue('client', `/CN=${options.clientCommonName ?? 'test-client'}`);
    pfx('client', clientPfxPassword);
    selfSigned('other', '/CN=self-signed');
    pfx('other', '');
    const read = (name: string) => readFileSync(join(dir, name));
    return {
      caPem: read('ca.pem').toString('utf8'),
      serverKey: read('server.key').toString('utf8'),
      serverCert: read('server.pem').toString('utf8'),
      clientPfx: read('client.pfx'),
      clientPfxPassword,
      otherPfx: read('other.pfx'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
