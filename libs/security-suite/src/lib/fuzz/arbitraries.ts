/**
 * fast-check arbitraries for hostile Authorization headers and tokens: printable header values, and tokens built
 * from generated segments (JSON values, headers with odd members, deep nesting, random bytes, random base64url).
 * Header values stay within what an HTTP client can send (no CR, LF, NUL: the catalogue sends those raw).
 */
import fc from 'fast-check';
import { b64u, nestedArrays, nestedObjects } from '../tokens/jws';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
const PRINTABLE = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

/** A header-value-safe string. */
export const printable = (maxLength = 200) => fc.string({ unit: PRINTABLE, maxLength });

const base64urlText = fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 400 });

const joseHeader = fc.record(
  {
    alg: fc.oneof(fc.constantFrom('RS256', 'none', 'HS256', 'ES256', 'PS256', 'EdDSA', 'RSA-OAEP'), fc.jsonValue()),
    typ: fc.oneof(fc.constant('JWT'), fc.jsonValue()),
    kid: fc.oneof(printable(40), fc.jsonValue()),
    crit: fc.array(printable(10), { maxLength: 3 }),
    jku: fc.webUrl(),
    x5c: fc.array(base64urlText, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** JSON nested up to 3000 levels of arrays or 1500 of objects (what fits in 16 KiB). */
const deep = fc
  .tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? nestedArrays(depth) : nestedObjects(Math.min(depth, 1500))));

/** One token segment: base64url of generated JSON or bytes, or raw base64url-alphabet text. */
export const tokenSegment = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((value) => b64u(JSON.stringify(value) ?? 'null')),
  joseHeader.map((header) => b64u(JSON.stringify(header))),
  deep.map((json) => b64u(`{"x":${json}}`)),
  deep.map((json) => b64u(json)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => b64u(bytes)),
  base64urlText,
);

/** A token of generated segments: mostly three, sometimes one to six. */
export const token = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(tokenSegment, tokenSegment, tokenSegment).map((parts) => parts.join('.')) },
  { weight: 1, arbitrary: fc.array(tokenSegment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')) },
);

/** An Authorization header value: `Bearer <token>`, another scheme or spelling, or anything printable. */
export const authorization = fc.oneof(
  { weight: 4, arbitrary: token.map((t) => `Bearer ${t}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('bearer', 'BEARER', 'Basic', 'Bearer ', 'Token', ''), token)
      .map(([scheme, t]) => `${scheme} ${t}`),
  },
  { weight: 1, arbitrary: printable(300) },
);
