/** PEM encoding helpers for keys exported from WebCrypto. */

/** Wraps DER bytes in a PEM block with the given label (e.g. `PRIVATE KEY`). */
export function toPem(der: ArrayBuffer | Uint8Array, label: string): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Returns the base64 body of every PEM block with the given label, in order. */
export function pemBodies(pem: string, label: string): string[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...pem.matchAll(pattern)].map((match) => match[1].replace(/\s+/g, ''));
}
