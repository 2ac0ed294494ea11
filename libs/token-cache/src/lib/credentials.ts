import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TokenProviderOptionsError } from './errors';

/** A client certificate credential, as msal-node takes it (private_key_jwt, `x5t#S256` header). */
export interface CertificateCredential {
  /** Hex SHA-256 thumbprint of the certificate registered for the client (colons allowed). */
  readonly thumbprintSha256: string;
  /** The certificate's private key, PEM (PKCS#8 or PKCS#1, unencrypted). */
  readonly privateKey: string;
  /** The certificate chain, PEM, to send in the `x5c` header (only for subject-name/issuer registration). */
  readonly x5c?: string;
}

/** How the client proves its identity: a client secret, or a certificate (recommended outside development). */
export type ClientCredential = { readonly clientSecret: string } | { readonly certificate: CertificateCredential };

/**
 * Reads a certificate credential from PEM files: the certificate (its SHA-256 thumbprint is computed) and the private
 * key, which may be in the same file.
 * @param certificatePath a PEM file holding the client certificate (and possibly its key)
 * @param privateKeyPath a PEM file holding the private key; default `certificatePath`
 */
export async function readCertificateCredential(
  certificatePath: string,
  privateKeyPath: string = certificatePath,
): Promise<CertificateCredential> {
  const certificatePem = await readPem(certificatePath, 'certificate');
  const keyPem = privateKeyPath === certificatePath ? certificatePem : await readPem(privateKeyPath, 'private key');
  return certificateCredentialFromPem(certificatePem, keyPem, { certificatePath, privateKeyPath });
}

/**
 * Builds a certificate credential from PEM text.
 * @param sources file names to mention in error messages
 */
export function certificateCredentialFromPem(
  certificatePem: string,
  privateKeyPem: string,
  sources: { certificatePath?: string; privateKeyPath?: string } = {},
): CertificateCredential {
  const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(certificatePem)?.[0];
  const where = (path: string | undefined) => (path ? ` in ${path}` : '');
  if (!certificateBlock) {
    throw new TokenProviderOptionsError(
      `No PEM certificate (-----BEGIN CERTIFICATE-----) found${where(sources.certificatePath)}.`,
    );
  }
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(privateKeyPem)) {
    throw new TokenProviderOptionsError(
      `The private key${where(sources.privateKeyPath)} is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem).`,
    );
  }
  const keyBlock = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
    privateKeyPem,
  )?.[0];
  if (!keyBlock) {
    throw new TokenProviderOptionsError(
      `No PEM private key (-----BEGIN PRIVATE KEY-----) found${where(sources.privateKeyPath)}.`,
    );
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificateBlock);
  } catch (error) {
    throw new TokenProviderOptionsError(
      `The certificate${where(sources.certificatePath)} cannot be read: ${(error as Error).message}.`,
    );
  }
  const privateKey = createPrivateKey(keyBlock);
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new TokenProviderOptionsError(
      `The private key${where(sources.privateKeyPath)} does not belong to the certificate${where(sources.certificatePath)}.`,
    );
  }
  return {
    thumbprintSha256: certificate.fingerprint256.replaceAll(':', '').toLowerCase(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new TokenProviderOptionsError(
      `Cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}
