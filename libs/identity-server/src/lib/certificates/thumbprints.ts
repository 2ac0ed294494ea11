/**
 * Certificate thumbprints in the forms Entra and msal-node use: SHA-1 / SHA-256 over the DER bytes, as upper-case
 * hex (what the Azure portal shows and msal-node's `clientCertificate.thumbprint*` takes) and as base64url (the
 * `x5t` / `x5t#S256` JOSE header values).
 */
import { createHash, X509Certificate } from 'node:crypto';

/** Thumbprints of one certificate. */
export interface CertificateThumbprints {
  /** SHA-1 over DER, upper-case hex (msal-node `thumbprint`, Azure portal "Thumbprint"). */
  readonly sha1Hex: string;
  /** SHA-256 over DER, upper-case hex (msal-node `thumbprintSha256`). */
  readonly sha256Hex: string;
  /** SHA-1 over DER, base64url: the JOSE `x5t` header. */
  readonly x5t: string;
  /** SHA-256 over DER, base64url: the JOSE `x5t#S256` header. */
  readonly x5tS256: string;
}

/** Computes the thumbprints of a DER certificate. */
export function thumbprintsOfDer(der: Uint8Array): CertificateThumbprints {
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  return {
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha256Hex: sha256.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5tS256: sha256.toString('base64url'),
  };
}

/**
 * Computes the thumbprints of the first certificate in a PEM string.
 * @throws Error when the text holds no parseable certificate.
 */
export function certificateThumbprints(pem: string): CertificateThumbprints {
  return thumbprintsOfDer(new X509Certificate(pem).raw);
}
