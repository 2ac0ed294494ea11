import type { Reason, VerifiedHeader } from '@stack/claim-policy';

/**
 * Strict checks on a compact JWS before any key lookup or crypto (security.md §0.2, §1.2 B1-B4):
 * exactly three base64url segments (no padding, no `+`/`/`, no whitespace: Node's base64url decoder
 * silently skips bad characters, so one token could otherwise have many spellings), a JSON-object
 * header and payload, an allowed `alg`, no `crit`, and a usable `kid`. Cheap rejections here keep
 * `alg: none`, HS256 key confusion and random `kid`s away from the JWKS endpoint.
 */
export type CompactJwsInspection =
  | {
      readonly ok: true;
      readonly header: VerifiedHeader & { readonly kid: string };
    }
  | { readonly ok: false; readonly reason: Reason };

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Rejects invalid UTF-8 instead of replacing it with U+FFFD (RFC 8725 §3.7). */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Inspects `token` without verifying it; see {@link CompactJwsInspection}. */
export function inspectCompactJws(token: string, allowedAlgorithms: readonly string[]): CompactJwsInspection {
  if (!compactJws.test(token)) {
    return malformed(
      'The token is not a compact JWS: three base64url segments separated by dots, no padding or spaces.',
    );
  }
  const [headerSegment, payloadSegment, signature] = token.split('.');
  const header = decodeJsonObject(headerSegment);
  if (!header) return malformed('The token header is not a base64url-encoded JSON object.');
  if (!decodeJsonObject(payloadSegment)) return malformed('The token payload is not a base64url-encoded JSON object.');

  const alg = header['alg'];
  // Case-sensitive comparison on purpose: "noNE" is not "none" and not "RS256" (RFC 8725bis).
  if (typeof alg !== 'string' || !allowedAlgorithms.includes(alg)) {
    return fail({
      code: 'ERR_ALG_NOT_ALLOWED',
      claim: 'alg',
      expected: allowedAlgorithms,
      actual: typeof alg === 'string' ? alg : alg === undefined ? undefined : typeof alg,
      hint: `Only ${allowedAlgorithms.join(', ')} signed tokens are accepted.`,
    });
  }
  if (signature === '') {
    return fail({
      code: 'ERR_TOKEN_UNSIGNED',
      hint: 'The token has no signature.',
    });
  }
  if (header['crit'] !== undefined) {
    return fail({
      code: 'ERR_CRIT_UNSUPPORTED',
      claim: 'crit',
      actual: header['crit'],
      hint: 'The token marks header extensions as critical; none are supported (RFC 7515 §4.1.11).',
    });
  }
  const kid = header['kid'];
  if (typeof kid !== 'string' || kid === '') {
    return fail({
      code: 'ERR_KEY_NOT_FOUND',
      claim: 'kid',
      actual: kid,
      hint: 'The token header has no kid, so its signing key cannot be selected.',
    });
  }
  return { ok: true, header: { ...header, alg, kid } };
}

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(Buffer.from(segment, 'base64url')));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function malformed(hint: string): CompactJwsInspection {
  return fail({ code: 'ERR_TOKEN_MALFORMED', hint });
}

function fail(reason: Reason): CompactJwsInspection {
  return { ok: false, reason };
}
