import {
  parseCompactJws,
  type ClaimPolicy,
  type Claims,
  type IssuerSigningKey,
  type Reason,
  type VerifiedHeader,
} from '@stack/claim-policy';
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { SigningKeyResolver } from '../../keys/signing-key-resolver';
import { signatureVerifies } from './signature-check';

/** A token whose signature checked out (or that carries none, for claim-policy to judge). */
export type VerifiedToken =
  | {
      readonly ok: true;
      readonly header: VerifiedHeader;
      readonly claims: Claims;
      /** False when the header already fails the policy (left to claim-policy to refuse): never cache those. */
      readonly signatureChecked?: boolean;
    }
  | { readonly ok: false; readonly reasons: Reason[]; readonly cause?: string };

/**
 * Parses the token strictly with claim-policy's `parseCompactJws` (canonical unpadded base64url
 * only, so one token has one spelling; strict UTF-8; no duplicate members; at most 16384 characters
 * and 16 levels of JSON nesting), then checks the JWS signature with the keys the policy names: `openid-config` documents (by `kid`), then
 * `issuer-signing-keys` (each tried, as APIM does for rollover). Header rules (`alg` allow-list,
 * `none`, `crit`) are left to claim-policy's `evaluate`, which sees the header before any claim; a
 * token failing them is returned unverified and never reaches a key lookup.
 */
export async function verifyToken(
  token: string,
  policy: ClaimPolicy,
  keys: SigningKeyResolver,
  inlineKeys: readonly InlineKey[],
): Promise<VerifiedToken> {
  const parsed = parseCompactJws(token);
  if (!parsed.ok) return { ok: false, reasons: [parsed.reason] };
  const header = parsed.header as VerifiedHeader;
  const claims: Claims = parsed.claims;
  if (typeof header.alg !== 'string' || !policy.allowedAlgorithms.includes(header.alg) || header.crit !== undefined) {
    return { ok: true, header, claims };
  }
  if (parsed.signature.length === 0) {
    return { ok: false, reasons: [{ code: 'ERR_TOKEN_UNSIGNED', hint: 'The token has no signature.' }] };
  }
  const candidates = await candidateKeys(header, policy, keys, inlineKeys);
  if ('reasons' in candidates) return { ok: false, ...candidates };
  for (const key of candidates.keys) {
    // Each configured key is tried, as APIM does during a rollover.
    if (signatureVerifies(header.alg, key, parsed.signingInput, parsed.signature)) {
      return { ok: true, header, claims, signatureChecked: true };
    }
  }
  return { ok: false, reasons: [{ code: 'ERR_SIGNATURE_INVALID', hint: 'No configured key verifies the signature.' }] };
}

async function candidateKeys(
  header: VerifiedHeader,
  policy: ClaimPolicy,
  keys: SigningKeyResolver,
  inlineKeys: readonly InlineKey[],
): Promise<{ keys: KeyObject[] } | { reasons: Reason[]; cause?: string }> {
  const found: KeyObject[] = [];
  let cause: string | undefined;
  if (policy.openIdConfigUrls.length > 0 && typeof header.kid === 'string' && header.kid !== '') {
    for (const url of policy.openIdConfigUrls) {
      try {
        found.push(await keys.keyOf(url, header.kid));
      } catch (error) {
        cause = (error as Error).message;
      }
    }
  }
  for (const inline of inlineKeys) {
    if (inline.id !== undefined && header.kid !== undefined && inline.id !== header.kid) continue;
    found.push(inline.key);
  }
  if (found.length > 0) return { keys: found };
  return {
    reasons: [
      {
        code: 'ERR_KEY_NOT_FOUND',
        claim: 'kid',
        actual: header.kid,
        hint: 'No signing key of the configured OpenID configuration or issuer-signing-keys matches the token kid.',
      },
    ],
    cause,
  };
}

/** An `<issuer-signing-keys>` key, parsed once. */
export interface InlineKey {
  readonly id?: string;
  readonly key: KeyObject;
}

/** Turns the policy's inline keys into key objects (once, at load time). Certificates are refused by the caller. */
export function inlineKeysOf(policy: ClaimPolicy): InlineKey[] {
  return policy.issuerSigningKeys.flatMap((key: IssuerSigningKey): InlineKey[] => {
    if (key.kind === 'symmetric') return [{ id: key.id, key: createSecretKey(Buffer.from(key.base64, 'base64')) }];
    if (key.kind === 'rsa') {
      return [{ id: key.id, key: createPublicKey({ key: { kty: 'RSA', n: key.n, e: key.e }, format: 'jwk' }) }];
    }
    return [];
  });
}
