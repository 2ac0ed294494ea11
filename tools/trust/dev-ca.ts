/**
 * The identity service's development CA as `npm run trust` needs it: the file, and the names it is installed
 * under. The nickname carries the SHA-256 fingerprint's prefix, so a rotated CA gets a new entry and untrust of
 * one CA never touches another.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface DevCa {
  readonly path: string;
  readonly subject: string;
  /** SHA-256 fingerprint, colon-separated hex (as browsers show it). */
  readonly sha256: string;
  /** SHA-1 thumbprint, hex without colons: how the macOS keychain and the Windows store find a certificate. */
  readonly sha1: string;
  /** `stack-dev-ca-<first 16 hex of SHA-256>`: NSS nickname and system-store file name. */
  readonly nickname: string;
}

/** Thrown when there is no (readable) CA: the message says how to get one. */
export class DevCaMissingError extends Error {
  constructor(path: string, detail: string) {
    super(
      `No development CA at ${path} (${detail}): start the stack once (npm start) to create the development CA, then run this again.`,
    );
    this.name = 'DevCaMissingError';
  }
}

/** The nickname for a CA certificate (DER bytes); `caNickname` in @stack/testing gives the same. */
export function nicknameOf(der: Buffer): string {
  return `stack-dev-ca-${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

export function readDevCa(path: string): DevCa {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DevCaMissingError(path, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new DevCaMissingError(path, 'not a PEM certificate; delete it');
  }
  if (!cert.ca) throw new DevCaMissingError(path, 'not a CA certificate; delete it');
  return {
    path,
    subject: cert.subject.replace(/\n/g, ', '),
    sha256: cert.fingerprint256,
    sha1: cert.fingerprint.replace(/:/g, ''),
    nickname: nicknameOf(cert.raw),
  };
}
