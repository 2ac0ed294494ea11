/**
 * Opaque values Entra puts in tokens (`uti`, `aio`, `rh`). Validators must not interpret them; they are random
 * here, shaped like Entra's so that size and character set look real.
 */
import { randomBytes } from 'node:crypto';

/** Random bytes drawn in blocks (as node's randomUUID does): one call to the CSPRNG per ~40 tokens, not three per token. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** `size` fresh random bytes; each pooled byte is handed out once, and callers encode them at once. */
function randomSlice(size: number): Buffer {
  if (offset + size > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  offset += size;
  return pool.subarray(offset - size, offset);
}

/** Token identifier (`uti`): 22 base64url characters, like Entra's. */
export function newUti(): string {
  return randomSlice(16).toString('base64url');
}

/** Internal session data (`aio`): opaque base64. */
export function newAio(): string {
  return randomSlice(48).toString('base64');
}

/** Refresh hint (`rh`): `0.` for v1 and `1.` for v2 tokens, then opaque base64url and a final dot, as observed. */
export function newRh(version: '1.0' | '2.0'): string {
  return `${version === '1.0' ? '0' : '1'}.${randomSlice(40).toString('base64url')}.`;
}
