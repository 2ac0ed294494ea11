import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevCertificates } from './dev-certificates';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dev-certs-spec-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

it('creates a CA and a localhost server certificate signed by it under <dataDir>/certs', async () => {
  const certs = await ensureDevCertificates(dataDir);
  expect(certs.caCertPath).toBe(join(dataDir, 'certs', 'ca.pem'));
  expect(await readFile(certs.caCertPath, 'utf8')).toBe(certs.caCertPem);
  const ca = new X509Certificate(certs.caCertPem);
  const server = new X509Certificate(certs.serverCertPem);
  expect(ca.ca).toBe(true);
  expect(server.ca).toBe(false);
  expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
  expect(server.checkHost('localhost')).toBe('localhost');
  expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(server.checkIP('::1')).toBeDefined();
});

it('reuses the files on the next call', async () => {
  const first = await ensureDevCertificates(dataDir);
  const second = await ensureDevCertificates(dataDir);
  expect(second.caCertPem).toBe(first.caCertPem);
  expect(second.serverCertPem).toBe(first.serverCertPem);
});

it('reissues only the server certificate when another host is needed, keeping the CA', async () => {
  const first = await ensureDevCertificates(dataDir);
  const second = await ensureDevCertificates(dataDir, { hosts: ['identity'] });
  expect(second.caCertPem).toBe(first.caCertPem);
  expect(new X509Certificate(second.serverCertPem).checkHost('identity')).toBe('identity');
});

it('replaces a damaged CA file (and the server certificate with it)', async () => {
  const first = await ensureDevCertificates(dataDir);
  await writeFile(first.caCertPath, 'garbage');
  const second = await ensureDevCertificates(dataDir);
  expect(second.caCertPem).not.toBe(first.caCertPem);
  expect(new X509Certificate(second.serverCertPem).verify(new X509Certificate(second.caCertPem).publicKey)).toBe(true);
});
