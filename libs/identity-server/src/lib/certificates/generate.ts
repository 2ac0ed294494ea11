/**
 * Certificate generation with @peculiar/x509: the development CA, the HTTPS server certificate it signs, and
 * self-signed RSA certificates (signing keys, client credentials). Keys are exported as PKCS#8 PEM.
 */
import { randomBytes, type webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { subtle, x509 } from './x509';
import { toPem } from './pem';

/** A certificate with its private key, both PEM. */
export interface CertificateWithKey {
  readonly certPem: string;
  readonly keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ecdsa: webcrypto.EcKeyGenParams & webcrypto.EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const rsa: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

function serialNumber(): string {
  // Positive 128-bit serial: clear the top bit so DER does not read it as negative.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  // Start a little in the past so a client with a slightly slow clock still accepts the certificate.
  const now = Date.now();
  return { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + days * DAY_MS) };
}

async function exportKey(key: CryptoKey): Promise<string> {
  return toPem(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** Creates a self-signed ECDSA P-256 certificate authority (10 years) for signing the local server certificate. */
export async function createCertificateAuthority(commonName: string): Promise<CertificateWithKey> {
  const keys = (await subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${commonName}`,
    ...validity(3650),
    signingAlgorithm: ecdsa,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportKey(keys.privateKey) };
}

/**
 * Issues an ECDSA P-256 TLS server certificate signed by the CA, valid for the given DNS names and IP addresses.
 */
export async function issueServerCertificate(
  ca: CertificateWithKey,
  hosts: readonly string[],
  days = 825,
): Promise<CertificateWithKey> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await subtle.importKey('pkcs8', pemToDer(ca.keyPem), ecdsa, false, ['sign']);
  const keys = (await subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = hosts.map((host) => ({ type: isIpAddress(host) ? ('ip' as const) : ('dns' as const), value: host }));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${hosts[0] ?? 'localhost'}`,
    issuer: caCert.subject,
    ...validity(days),
    signingAlgorithm: ecdsa,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportKey(keys.privateKey) };
}

/**
 * Creates a self-signed RSA-2048 certificate (SHA-256), as Entra publishes for its signing keys and as a client app
 * registers for certificate credentials. RS256 and PS256 can both be computed with its key.
 */
export async function createSelfSignedRsaCertificate(commonName: string, days: number): Promise<CertificateWithKey> {
  const keys = (await subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${commonName}`,
    ...validity(days),
    signingAlgorithm: rsa,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportKey(keys.privateKey) };
}

function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

function isIpAddress(host: string): boolean {
  return isIP(host) !== 0;
}
