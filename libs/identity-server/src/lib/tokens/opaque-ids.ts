/**
 * Opaque values Entra puts in tokens (`uti`, `aio`, `rh`). Validators must not interpret them; they are random
 * here, shaped like Entra's so that size and character set look real.
 */
import { randomBytes } from 'node:crypto';

/** Token identifier (`uti`): 22 base64url characters, like Entra's. */
export function newUti(): string {
  return randomBytes(16).toString('base64url');
}

/** Internal session data (`aio`): opaque base64. */
export function newAio(): string {
  return randomBytes(48).toString('base64');
}

/** Refresh hint (`rh`): `0.` for v1 and `1.` for v2 tokens, then opaque base64url and a final dot, as observed. */
export function newRh(version: '1.0' | '2.0'): string {
  return `${version === '1.0' ? '0' : '1'}.${randomBytes(40).toString('base64url')}.`;
}
