/**
 * An HTTPS server with a certificate from a fresh development CA (the identity service's own CA code), for
 * browser trust tests: the CA is trusted by nothing until a test trusts it.
 */
import { ensureDevCertificates } from '@stack/identity-server';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HttpsTestServer {
  /** `https://localhost:<port>/`: answers with `<p id="greeting">trusted</p>`. */
  readonly url: string;
  readonly caPem: string;
  /** The CA file (for tools that take a path, like `npm run trust`). */
  readonly caPath: string;
  /** The data folder holding `certs/ca.pem` (an `IDENTITY_DATA_DIR`). */
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startHttpsTestServer(): Promise<HttpsTestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'https-test-ca-'));
  const certs = await ensureDevCertificates(dataDir);
  const server = createServer({ cert: certs.serverCertPem, key: certs.serverKeyPem }, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<p id="greeting">trusted</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/`,
    caPem: certs.caCertPem,
    caPath: certs.caCertPath,
    dataDir,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
