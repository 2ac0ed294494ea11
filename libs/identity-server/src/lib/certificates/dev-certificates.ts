/**
 * The development CA and HTTPS server certificate under `<dataDir>/certs/`: created at first start, reused after,
 * renewed when close to expiry or when the server certificate no longer covers the requested host names.
 * Start scripts call {@link ensureDevCertificates} before other processes so they can trust `ca.pem`
 * (`NODE_EXTRA_CA_CERTS`).
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../util/files';
import { createCertificateAuthority, issueServerCertificate, type CertificateWithKey } from './generate';

/** Files and PEM contents of the development certificates. */
export interface DevCertificates {
  /** `<dataDir>/certs/ca.pem`: the CA certificate clients must trust. */
  readonly caCertPath: string;
  readonly caCertPem: string;
  /** `<dataDir>/certs/server.pem` and `server.key`: the HTTPS certificate of the identity service. */
  readonly serverCertPath: string;
  readonly serverKeyPath: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
}

/** Options of {@link ensureDevCertificates}. */
export interface EnsureDevCertificatesOptions {
  /** Host names and IP addresses the server certificate must cover; localhost, 127.0.0.1 and ::1 always are. */
  readonly hosts?: readonly string[];
}

const DEFAULT_HOSTS = ['localhost', '127.0.0.1', '::1'];
const CA_NAME = 'Stack local development CA (not trusted outside this machine)';
/** Renew a certificate this long before it expires. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Creates (or reuses) the development CA and a server certificate signed by it.
 * @param dataDir the runtime state folder, e.g. `<repo>/.data`; files go to `<dataDir>/certs/`.
 */
export async function ensureDevCertificates(
  dataDir: string,
  options: EnsureDevCertificatesOptions = {},
): Promise<DevCertificates> {
  const dir = join(dataDir, 'certs');
  const paths = {
    caCert: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server.key'),
  };
  const hosts = [...new Set([...DEFAULT_HOSTS, ...(options.hosts ?? [])])];

  let ca = await readPair(paths.caCert, paths.caKey);
  let caIsNew = false;
  if (!ca || !isCurrent(ca.certPem)) {
    ca = await createCertificateAuthority(CA_NAME);
    await writeFileAtomic(paths.caKey, ca.keyPem, 0o600);
    await writeFileAtomic(paths.caCert, ca.certPem);
    caIsNew = true;
  }

  let server = caIsNew ? undefined : await readPair(paths.serverCert, paths.serverKey);
  if (
    !server ||
    !isCurrent(server.certPem) ||
    !isIssuedBy(server.certPem, ca.certPem) ||
    !covers(server.certPem, hosts)
  ) {
    server = await issueServerCertificate(ca, hosts);
    await writeFileAtomic(paths.serverKey, server.keyPem, 0o600);
    await writeFileAtomic(paths.serverCert, server.certPem);
  }

  return {
    caCertPath: paths.caCert,
    caCertPem: ca.certPem,
    serverCertPath: paths.serverCert,
    serverKeyPath: paths.serverKey,
    serverCertPem: server.certPem,
    serverKeyPem: server.keyPem,
  };
}

async function readPair(certPath: string, keyPath: string): Promise<CertificateWithKey | undefined> {
  const [certPem, keyPem] = await Promise.all([readFileIfExists(certPath), readFileIfExists(keyPath)]);
  return certPem && keyPem ? { certPem, keyPem } : undefined;
}

function parse(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined; // a damaged file is replaced, not fatal
  }
}

function isCurrent(pem: string): boolean {
  const cert = parse(pem);
  return !!cert && new Date(cert.validTo).getTime() - Date.now() > RENEW_BEFORE_MS;
}

function isIssuedBy(pem: string, caPem: string): boolean {
  const cert = parse(pem);
  const ca = parse(caPem);
  return !!cert && !!ca && cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

function covers(pem: string, hosts: readonly string[]): boolean {
  const cert = parse(pem);
  if (!cert) return false;
  return hosts.every((host) => !!(isIP(host) ? cert.checkIP(host) : cert.checkHost(host)));
}
