/**
 * The userinfo answer, framework-free: verifies an access token this service signed (RS256 against a published key,
 * not expired, audience Microsoft Graph, `scp` with `openid`) and returns what Entra's UserInfo returns: `sub` (the
 * ID token's pairwise subject), the name claims with `profile`, `email` with `email` (no `picture`: no Graph here).
 */
import { verify } from 'node:crypto';
import type { PublishableKey } from '../keys/jwk';
import type { Directory } from '../registrations/directory';
import { GRAPH_APP_ID, GRAPH_RESOURCE, pairwiseSubject } from './user-token-claims';

export type UserInfoResult =
  | { readonly ok: true; readonly claims: Record<string, string> }
  | { readonly ok: false; readonly reason: string };

const MAX_TOKEN_LENGTH = 16_384;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

export function readUserInfo(
  authorization: string | undefined,
  deps: { keys: readonly PublishableKey[]; directory: Directory; now: number },
): UserInfoResult {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return { ok: false, reason: 'Send the access token as Authorization: Bearer <token>.' };
  const token = match[1];
  const parts = token.split('.');
  if (token.length > MAX_TOKEN_LENGTH || parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) {
    return { ok: false, reason: 'The token is not a compact JWT.' };
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJson(headerPart);
  const payload = parseJson(payloadPart);
  if (!header || !payload) return { ok: false, reason: 'The token is not a compact JWT.' };
  const key = deps.keys.find((candidate) => candidate.kid === header['kid']);
  if (header['alg'] !== 'RS256' || !key) return { ok: false, reason: 'The token was not signed by this service.' };
  const signed = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'),
    key.publicKey,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signed) return { ok: false, reason: 'The token signature is invalid.' };
  if (typeof payload['exp'] !== 'number' || payload['exp'] <= deps.now)
    return { ok: false, reason: 'The token has expired.' };
  if (payload['aud'] !== GRAPH_RESOURCE && payload['aud'] !== GRAPH_APP_ID) {
    return {
      ok: false,
      reason:
        "The token's audience is not Microsoft Graph: request a token for 'openid profile' (no API scope) for userinfo.",
    };
  }
  const scopes = typeof payload['scp'] === 'string' ? payload['scp'].split(' ') : [];
  if (!scopes.includes('openid')) return { ok: false, reason: "The token's scp lacks openid." };
  const user = typeof payload['oid'] === 'string' ? deps.directory.findUser(payload['oid']) : undefined;
  const clientId = typeof payload['appid'] === 'string' ? payload['appid'] : undefined;
  if (!user || !clientId) return { ok: false, reason: 'The token names no registered user.' };
  const claims: Record<string, string> = {
    sub: pairwiseSubject(deps.directory.tenantId, clientId, user.objectId),
  };
  if (scopes.includes('profile')) {
    claims['name'] = user.displayName;
    if (user.surname) claims['family_name'] = user.surname;
    if (user.givenName) claims['given_name'] = user.givenName;
  }
  if (scopes.includes('email') && user.mail) claims['email'] = user.mail;
  return { ok: true, claims };
}

function parseJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
