import { parseCompactJws, type ParsedCompactJws, type Reason, type VerifiedHeader } from '@stack/claim-policy';

/** A protected header that passed {@link inspectHeader}: an allowed `alg` and a usable `kid`. */
export type InspectedHeader = VerifiedHeader & { readonly alg: string; readonly kid: string };

/**
 * Strict checks on a compact JWS before any key lookup or crypto (security.md §0.2, §1.2 B1-B4):
 * claim-policy's `parseCompactJws` (three canonical unpadded base64url segments, so one token has
 * one spelling; JSON objects in strict UTF-8; length and nesting bounded before anything recurses),
 * then {@link inspectHeader}. Cheap rejections here keep `alg: none`, HS256 key confusion, random
 * `kid`s and deeply nested JSON away from the JWKS endpoint, the signature check and the claim rules.
 */
export type CompactJwsInspection =
  | { readonly ok: true; readonly header: InspectedHeader }
  | { readonly ok: false; readonly reason: Reason };

/** Inspects `token` without verifying it; see {@link CompactJwsInspection}. */
export function inspectCompactJws(token: string, allowedAlgorithms: readonly string[]): CompactJwsInspection {
  const parsed = parseCompactJws(token);
  if (!parsed.ok) return parsed;
  return inspectHeader(parsed, allowedAlgorithms);
}

/** An allowed `alg` (case-sensitive), a signature, no `crit`, and a `kid` to select the key by. */
export function inspectHeader(
  parsed: Extract<ParsedCompactJws, { ok: true }>,
  allowedAlgorithms: readonly string[],
): CompactJwsInspection {
  const { header } = parsed;
  const alg = header['alg'];
  // Case-sensitive comparison on purpose: "noNE" is not "none" and not "RS256" (RFC 8725bis).
  if (typeof alg !== 'string' || !allowedAlgorithms.includes(alg)) {
    return {
      ok: false,
      reason: {
        code: 'ERR_ALG_NOT_ALLOWED',
        claim: 'alg',
        expected: allowedAlgorithms,
        actual: typeof alg === 'string' ? alg : alg === undefined ? undefined : typeof alg,
        hint: `Only ${allowedAlgorithms.join(', ')} signed tokens are accepted.`,
      },
    };
  }
  if (parsed.signature.length === 0) {
    return { ok: false, reason: { code: 'ERR_TOKEN_UNSIGNED', hint: 'The token has no signature.' } };
  }
  if (header['crit'] !== undefined) {
    return {
      ok: false,
      reason: {
        code: 'ERR_CRIT_UNSUPPORTED',
        claim: 'crit',
        actual: header['crit'],
        hint: 'The token marks header extensions as critical; none are supported (RFC 7515 §4.1.11).',
      },
    };
  }
  const kid = header['kid'];
  if (typeof kid !== 'string' || kid === '') {
    return {
      ok: false,
      reason: {
        code: 'ERR_KEY_NOT_FOUND',
        claim: 'kid',
        actual: kid,
        hint: 'The token header has no kid, so its signing key cannot be selected.',
      },
    };
  }
  return { ok: true, header: { ...header, alg, kid } };
}
