import type { Reason } from '../decision';
import { isCanonicalBase64url } from './canonical-base64url';
import { scanJsonShape } from './json-depth';

/** Bounds {@link parseCompactJws} applies before anything recurses over the token. */
export interface CompactJwsLimits {
  /** Longest token accepted, in characters. Default 16384 (Node's header limit; Entra tokens are far smaller). */
  readonly maxTokenLength?: number;
  /** Deepest JSON nesting in header and payload (a flat object is 1). Default 16. */
  readonly maxJsonDepth?: number;
}

/** The limits used when none are given. */
export const DEFAULT_COMPACT_JWS_LIMITS: Readonly<Required<CompactJwsLimits>> = Object.freeze({
  maxTokenLength: 16384,
  maxJsonDepth: 16,
});

/**
 * A JWS in compact serialization, decoded but NOT verified: check `signature` over `signingInput`
 * before trusting `header` or `claims`. An empty signature segment parses (empty `signature`), so
 * callers report `alg: none` and stripped signatures with their own reason codes.
 */
export type ParsedCompactJws =
  | {
      readonly ok: true;
      readonly header: Record<string, unknown>;
      readonly claims: Record<string, unknown>;
      /** `<header>.<payload>` exactly as sent: the bytes the signature covers. */
      readonly signingInput: string;
      readonly signature: Buffer;
    }
  | { readonly ok: false; readonly reason: Reason };

const SEGMENT_NAMES = ['header', 'payload', 'signature'] as const;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Splits and decodes a compact JWS strictly (RFC 7515 §7.1, RFC 8725 §3.7): exactly three
 * segments, each canonical unpadded base64url (one spelling per token, see README "Parse limits"),
 * header and payload JSON objects in strict UTF-8, no duplicate top-level member names (RFC 7515
 * §5.2 lets parsers refuse them; `JSON.parse` would silently keep the last), at most
 * `maxTokenLength` characters and `maxJsonDepth` levels of nesting, measured before `JSON.parse`.
 * Never throws on any string; every failure is `ERR_TOKEN_MALFORMED` with a hint saying what is wrong.
 *
 * @example const parsed = parseCompactJws(token); if (!parsed.ok) return deny(policy, [parsed.reason]);
 */
export function parseCompactJws(token: string, limits: CompactJwsLimits = {}): ParsedCompactJws {
  const maxTokenLength = limits.maxTokenLength ?? DEFAULT_COMPACT_JWS_LIMITS.maxTokenLength;
  const maxJsonDepth = limits.maxJsonDepth ?? DEFAULT_COMPACT_JWS_LIMITS.maxJsonDepth;
  if (typeof token !== 'string' || token === '') return malformed('The token is empty.');
  if (token.length > maxTokenLength) {
    return malformed(`The token is ${token.length} characters long; at most ${maxTokenLength} are accepted.`);
  }
  const firstDot = token.indexOf('.');
  const secondDot = firstDot === -1 ? -1 : token.indexOf('.', firstDot + 1);
  if (secondDot === -1 || token.indexOf('.', secondDot + 1) !== -1) {
    const segments = token.split('.', 6).length;
    return malformed(
      segments === 5
        ? 'The token has 5 segments: it is a JWE (encrypted), and only JWS access tokens are accepted.'
        : `The token has ${segments > 5 ? 'more than 5' : segments} segment${segments === 1 ? '' : 's'}; a JWS has exactly 3 (header.payload.signature).`,
    );
  }
  const bounds: readonly (readonly [number, number])[] = [
    [0, firstDot],
    [firstDot + 1, secondDot],
    [secondDot + 1, token.length],
  ];
  for (let index = 0; index < 3; index++) {
    const [start, end] = bounds[index];
    if (!isCanonicalBase64url(token, start, end)) {
      return malformed(
        `The ${SEGMENT_NAMES[index]} segment is not canonical unpadded base64url (only A-Z a-z 0-9 - _, no "=" padding, no whitespace, unused low bits zero).`,
      );
    }
  }
  const header = decodeObject(token.slice(0, firstDot), 'header', maxJsonDepth);
  if ('reason' in header) return header;
  const claims = decodeObject(token.slice(firstDot + 1, secondDot), 'payload', maxJsonDepth);
  if ('reason' in claims) return claims;
  return {
    ok: true,
    header: header.value,
    claims: claims.value,
    signingInput: token.slice(0, secondDot),
    signature: Buffer.from(token.slice(secondDot + 1), 'base64url'),
  };
}

type Decoded = { readonly value: Record<string, unknown> } | { readonly ok: false; readonly reason: Reason };

function decodeObject(segment: string, part: 'header' | 'payload', maxDepth: number): Decoded {
  if (segment === '') return malformed(`The ${part} segment is empty.`);
  let text: string;
  try {
    text = strictUtf8.decode(Buffer.from(segment, 'base64url'));
  } catch {
    return malformed(`The ${part} is not valid UTF-8.`);
  }
  const shape = scanJsonShape(text, maxDepth);
  if (shape.depth > maxDepth) {
    return malformed(`The ${part} JSON nests deeper than ${maxDepth} levels.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return malformed(`The ${part} is not valid JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return malformed(`The ${part} is not a JSON object.`);
  }
  const record = value as Record<string, unknown>;
  if (Object.keys(record).length !== shape.topLevelMembers) {
    return malformed(`The ${part} repeats a member name; each name may appear once.`);
  }
  return { value: record };
}

function malformed(hint: string): { readonly ok: false; readonly reason: Reason } {
  return { ok: false, reason: { code: 'ERR_TOKEN_MALFORMED', hint } };
}
