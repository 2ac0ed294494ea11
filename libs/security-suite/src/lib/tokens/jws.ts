/**
 * Builds JWS compact tokens byte by byte, so the catalogue can write any header, any payload text, any signature
 * and any spelling of a segment. Signing uses node:crypto directly: hostile tokens are exactly what JOSE libraries
 * refuse to produce.
 */
import { constants, createHmac, sign, type KeyObject } from 'node:crypto';

/** Unpadded base64url of bytes or UTF-8 text. */
export function b64u(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}

/** The base64url segment of a JSON value (or of text used verbatim). */
export function segment(value: unknown): string {
  return b64u(typeof value === 'string' ? value : JSON.stringify(value));
}

/** What signs a token: a private key (RS/PS/ES/EdDSA), an HMAC secret (HS), or nothing. */
export type Signer = KeyObject | Uint8Array | undefined;

/** The signature of `input` with `alg` as base64url; an unknown alg or a missing key gives an empty signature. */
export function signature(alg: string, input: string, key: Signer): string {
  if (key === undefined) return '';
  const data = Buffer.from(input);
  if (key instanceof Uint8Array) {
    const bits = /^HS(256|384|512)$/.exec(alg)?.[1] ?? '256';
    return createHmac(`sha${bits}`, key).update(data).digest('base64url');
  }
  if (alg === 'EdDSA') return sign(null, data, key).toString('base64url');
  const match = /^(RS|PS|ES)(256|384|512)$/.exec(alg);
  const family = match?.[1] ?? 'RS';
  const hash = `sha${match?.[2] ?? '256'}`;
  if (family === 'PS') {
    return sign(hash, data, {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: Number(match?.[2] ?? 256) / 8,
    }).toString('base64url');
  }
  if (family === 'ES') return sign(hash, data, { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return sign(hash, data, key).toString('base64url');
}

/** Options of {@link jws}. */
export interface JwsParts {
  readonly header: Record<string, unknown> | string;
  /** Claims object, or payload text used verbatim (invalid JSON, arrays, deep nesting). */
  readonly payload: Record<string, unknown> | string;
  /** Signs with this key and the header's `alg`; undefined leaves the signature empty. */
  readonly key?: Signer;
  /** Signs as this alg whatever the header says (e.g. an `alg` value that is not a string). */
  readonly signAs?: string;
}

/** A compact JWS: `<header>.<payload>.<signature>`. */
export function jws(parts: JwsParts): string {
  const input = `${segment(parts.header)}.${segment(parts.payload)}`;
  const alg = parts.signAs ?? (typeof parts.header === 'object' ? String(parts.header['alg']) : 'RS256');
  return `${input}.${signature(alg, input, parts.key)}`;
}

/** `depth` nested arrays around `inner`, as JSON text, built without recursion. */
export function nestedArrays(depth: number, inner = '0'): string {
  return `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
}

/** `depth` nested objects `{"":{"":…}}` (5 characters a level), as JSON text. */
export function nestedObjects(depth: number, inner = '0'): string {
  return `${'{"":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}
