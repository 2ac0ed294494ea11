import { createHmac, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { Reason } from '../decision';
import type { ClaimPolicy, IssuerSigningKey } from '../model';
import { verifyJwsSignature } from '../token/jws-signature';
import type { DoctorCheck, DoctorKeySource, KeyLookup } from './doctor-types';

/** The parts of a parsed token the signature check needs. */
export interface SignedToken {
  readonly header: Readonly<Record<string, unknown>>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

export interface SignatureOutcome {
  /** `signing key` and `signature`. */
  readonly checks: readonly DoctorCheck[];
  /** Failures for the service's answer (ERR_KEY_NOT_FOUND, ERR_SIGNATURE_INVALID). */
  readonly reasons: readonly Reason[];
  /** Issuers named by the discovery documents reached (an omitted `<issuers>` means these). */
  readonly discoveredIssuers: readonly string[];
}

/** One place a key may come from, and what was found there. */
interface KeyCandidate {
  readonly where: string;
  readonly lookup: KeyLookup | { readonly kind: 'inline'; readonly key: KeyObject | Buffer };
}

/**
 * Finds the key the token names (inline keys of the policy first, then each OpenID discovery document) and
 * verifies the signature with it. Without a key source (`offline`) discovery is not attempted and the signature
 * is reported as not verifiable offline; everything else is still checked by the caller.
 */
export async function checkSignature(
  policy: ClaimPolicy,
  token: SignedToken,
  keys: DoctorKeySource | undefined,
): Promise<SignatureOutcome> {
  const alg = typeof token.header['alg'] === 'string' ? token.header['alg'] : '';
  const kid = typeof token.header['kid'] === 'string' ? token.header['kid'] : undefined;
  if (alg === 'none' || token.signature.length === 0) return unsigned(policy, alg);

  const candidates: KeyCandidate[] = [...inlineCandidates(policy.issuerSigningKeys, kid)];
  const discoveredIssuers: string[] = [];
  if (policy.openIdConfigUrls.length > 0 && keys !== undefined) {
    for (const url of policy.openIdConfigUrls) {
      const lookup: KeyLookup =
        kid === undefined
          ? { kind: 'not-found', detail: 'the token header has no kid, so no key of the JWKS can be chosen' }
          : await keys.lookup(url, kid);
      if (lookup.kind !== 'unavailable' && lookup.issuer !== undefined) discoveredIssuers.push(lookup.issuer);
      candidates.push({ where: url, lookup });
    }
  }
  const checks = judge(candidates, alg, kid, token, policy, keys === undefined);
  const reasons = checks.flatMap((check) =>
    check.status === 'fail' && check.code ? [{ code: check.code, hint: check.hint }] : [],
  );
  return { checks, reasons, discoveredIssuers };
}

function judge(
  candidates: readonly KeyCandidate[],
  alg: string,
  kid: string | undefined,
  token: SignedToken,
  policy: ClaimPolicy,
  offline: boolean,
): DoctorCheck[] {
  const named = kid === undefined ? 'the key (no kid in the header)' : `kid ${kid}`;
  const found = candidates.filter(
    (candidate) => candidate.lookup.kind === 'found' || candidate.lookup.kind === 'inline',
  );
  for (const candidate of found) {
    const key = 'key' in candidate.lookup ? candidate.lookup.key : undefined;
    if (key !== undefined && verifies(alg, key, token)) {
      return [
        { check: 'signing key', status: 'pass', detail: `${named} found in ${candidate.where}` },
        { check: 'signature', status: 'pass', detail: `${alg} signature verified with ${named}` },
      ];
    }
  }
  if (found.length > 0) {
    return [
      { check: 'signing key', status: 'pass', detail: `${named} found in ${found[0].where}` },
      {
        check: 'signature',
        status: 'fail',
        code: 'ERR_SIGNATURE_INVALID',
        detail: `the ${alg} signature does not verify with ${named}`,
        hint: 'The token was altered after signing, or signed by another key under the same kid; fetch a new token from the issuer.',
      },
    ];
  }
  const notFound = candidates.filter((candidate) => candidate.lookup.kind === 'not-found');
  if (notFound.length > 0) {
    const lookup = notFound[0].lookup as Extract<KeyLookup, { kind: 'not-found' }>;
    return [
      {
        check: 'signing key',
        status: 'fail',
        code: 'ERR_KEY_NOT_FOUND',
        detail: `${named} is not among the keys of ${notFound[0].where}: ${lookup.detail}`,
        hint: keyNotFoundHint(kid, lookup.issuer),
      },
      { check: 'signature', status: 'skip', detail: 'not verified: no key to verify it with' },
    ];
  }
  const unavailable = candidates.filter((candidate) => candidate.lookup.kind === 'unavailable');
  if (offline && policy.openIdConfigUrls.length > 0) {
    return [
      {
        check: 'signing key',
        status: 'skip',
        detail: `offline: discovery not attempted (${policy.openIdConfigUrls.join(', ')})`,
      },
      { check: 'signature', status: 'skip', detail: 'not verifiable offline', hint: offlineHint },
    ];
  }
  if (unavailable.length > 0) {
    const lookup = unavailable[0].lookup as Extract<KeyLookup, { kind: 'unavailable' }>;
    return [
      { check: 'signing key', status: 'skip', detail: `discovery unreachable: ${lookup.detail}` },
      { check: 'signature', status: 'skip', detail: 'not verifiable offline', hint: offlineHint },
    ];
  }
  const certificates = policy.issuerSigningKeys.some((key) => key.kind === 'certificate');
  return [
    {
      check: 'signing key',
      status: 'skip',
      detail: certificates
        ? 'the policy names certificate-id keys, which live in the APIM instance: not checked here'
        : `the policy names no key for ${named} (no openid-config, no matching issuer-signing-keys)`,
    },
    { check: 'signature', status: 'skip', detail: 'not verified: no key to verify it with' },
  ];
}

const offlineHint =
  'Everything else is checked; run again where the issuer is reachable (the local identity service started, or the internet for Entra) to verify the signature.';

function keyNotFoundHint(kid: string | undefined, issuer: string | undefined): string {
  if (kid === undefined)
    return 'The token names no signing key (kid); Entra and the identity service always set one: is this token from another issuer?';
  return `The issuer${issuer ? ` ${issuer}` : ''} does not publish kid ${kid}: the token comes from another issuer or tenant (compare iss), or from a key that has since been rotated out (fetch a new token).`;
}

function unsigned(policy: ClaimPolicy, alg: string): SignatureOutcome {
  const stripped = alg !== 'none';
  const detail = stripped
    ? `alg is ${alg || '(none given)'} but the signature segment is empty`
    : 'alg is none: the token is unsigned';
  const checks: DoctorCheck[] = [{ check: 'signing key', status: 'skip', detail: 'unsigned token: no key used' }];
  if (!policy.requireSignedTokens && !stripped) {
    checks.push({ check: 'signature', status: 'pass', detail: `${detail}, allowed by require-signed-tokens="false"` });
  } else {
    checks.push({
      check: 'signature',
      status: 'fail',
      code: stripped ? 'ERR_SIGNATURE_INVALID' : 'ERR_TOKEN_UNSIGNED',
      detail,
      hint: stripped
        ? 'The signature was removed from the token (copied incompletely?); copy the whole token, three dot-separated parts.'
        : 'Unsigned tokens are refused; get a token from the identity provider instead of building one.',
    });
  }
  const reasons = checks.flatMap((check) => (check.code ? [{ code: check.code, hint: check.hint }] : []));
  return { checks, reasons, discoveredIssuers: [] };
}

function inlineCandidates(keys: readonly IssuerSigningKey[], kid: string | undefined): KeyCandidate[] {
  return keys
    .filter((key) => key.id === undefined || kid === undefined || key.id === kid)
    .flatMap((key): KeyCandidate[] => {
      const where = `the policy's issuer-signing-keys${key.id ? ` (id ${key.id})` : ''}`;
      if (key.kind === 'symmetric')
        return [{ where, lookup: { kind: 'inline', key: Buffer.from(key.base64, 'base64') } }];
      if (key.kind === 'rsa') {
        try {
          const publicKey = createPublicKey({ key: { kty: 'RSA', n: key.n, e: key.e }, format: 'jwk' });
          return [{ where, lookup: { kind: 'inline', key: publicKey } }];
        } catch {
          return [];
        }
      }
      return [];
    });
}

function verifies(alg: string, key: KeyObject | Buffer, token: SignedToken): boolean {
  if (!Buffer.isBuffer(key)) return verifyJwsSignature(alg, key, token.signingInput, token.signature);
  const hmac = /^HS(256|384|512)$/.exec(alg);
  if (!hmac) return false;
  const expected = createHmac(`sha${hmac[1]}`, key).update(token.signingInput, 'latin1').digest();
  return expected.length === token.signature.length && timingSafeEqual(expected, token.signature);
}
