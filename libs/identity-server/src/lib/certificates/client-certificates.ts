/**
 * Certificates for client apps with a `generated` certificate credential: created at first start as
 * `<dataDir>/clients/<name>.pem` (certificate) and `<name>.key` (PKCS#8 private key), reused after, renewed when
 * close to expiry. A daemon (msal-node `clientCertificate`) reads the same two files.
 */
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../util/files';
import { createSelfSignedRsaCertificate } from './generate';
import { thumbprintsOfDer, type CertificateThumbprints } from './thumbprints';

/** A generated client certificate, with what msal-node needs to use it. */
export interface GeneratedClientCertificate {
  readonly name: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly certPem: string;
  /** PKCS#8 PEM: msal-node's `clientCertificate.privateKey`. */
  readonly privateKeyPem: string;
  readonly thumbprints: CertificateThumbprints;
}

const VALIDITY_DAYS = 730;
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

/** The file paths of a generated client certificate. */
export function clientCertificatePaths(dataDir: string, name: string): { certPath: string; keyPath: string } {
  const dir = join(dataDir, 'clients');
  return { certPath: join(dir, `${name}.pem`), keyPath: join(dir, `${name}.key`) };
}

/** Creates (or reuses) the certificate and key of a `generated` client credential. */
export async function ensureClientCertificate(dataDir: string, name: string): Promise<GeneratedClientCertificate> {
  const { certPath, keyPath } = clientCertificatePaths(dataDir, name);
  let [certPem, privateKeyPem] = await Promise.all([readFileIfExists(certPath), readFileIfExists(keyPath)]);
  if (!certPem || !privateKeyPem || !isCurrent(certPem)) {
    const created = await createSelfSignedRsaCertificate(name, VALIDITY_DAYS);
    certPem = created.certPem;
    privateKeyPem = created.keyPem;
    await writeFileAtomic(keyPath, privateKeyPem, 0o600);
    await writeFileAtomic(certPath, certPem);
  }
  return {
    name,
    certPath,
    keyPath,
    certPem,
    privateKeyPem,
    thumbprints: thumbprintsOfDer(new X509Certificate(certPem).raw),
  };
}

function isCurrent(pem: string): boolean {
  try {
    return new Date(new X509Certificate(pem).validTo).getTime() - Date.now() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}
