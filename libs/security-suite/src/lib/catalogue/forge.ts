/** Token building blocks shared by the catalogue's families. */
import type { AttackContext } from '../model';
import { jws, type Signer } from '../tokens/jws';

/** A fixed object id for `oid`/`sub`: validators do not look it up. */
const OBJECT_ID = '00000000-0000-4000-8000-00000000a77a';

/** A kid the target publishes when the run knows one, otherwise the attacker's. */
export function realKid(context: AttackContext): string {
  return context.trustedKey?.kid ?? context.targetPublicKey?.kid ?? context.attacker.rsa.kid;
}

/** Claims the target accepts (Entra's app-only access token shape), with overrides; `undefined` drops a claim. */
export function validClaims(context: AttackContext, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { identity, now } = context;
  const v2 = identity.issuer.endsWith('/v2.0');
  const claims: Record<string, unknown> = {
    aud: identity.audience,
    iss: identity.issuer,
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    ...(v2 ? { azp: identity.clientId, azpacr: '1' } : { appid: identity.clientId, appidacr: '1' }),
    idtyp: 'app',
    oid: OBJECT_ID,
    roles: [identity.role],
    sub: OBJECT_ID,
    tid: identity.tenantId,
    ver: v2 ? '2.0' : '1.0',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

/** An RS256 header naming a real kid, with overrides; `undefined` drops a member. */
export function header(context: AttackContext, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const merged: Record<string, unknown> = { typ: 'JWT', alg: 'RS256', kid: realKid(context), ...overrides };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}

/** A token signed by the attacker's RSA key (valid claims unless overridden). */
export function forged(
  context: AttackContext,
  headerOverrides: Record<string, unknown> = {},
  payload: Record<string, unknown> | string = validClaims(context),
  key: Signer = context.attacker.rsa.privateKey,
): string {
  return jws({ header: header(context, headerOverrides), payload, key });
}

/** The reason a case needs the target's trusted signing key, or undefined when the run has it. */
export function needsTrustedKey(context: AttackContext): string | undefined {
  return context.trustedKey
    ? undefined
    : 'needs the signing key the target trusts (--identity-data or --signing-key/--kid)';
}

/** A token signed by the key the target trusts: valid claims unless overridden. */
export function trusted(
  context: AttackContext,
  claims: Record<string, unknown> | string = validClaims(context),
  headerOverrides: Record<string, unknown> = {},
): string {
  const key = context.trustedKey;
  if (!key) throw new Error('trusted() needs context.trustedKey; guard the case with needsTrustedKey');
  return jws({ header: header(context, { kid: key.kid, ...headerOverrides }), payload: claims, key: key.privateKey });
}

/** Signed by the trusted key when the run has it, by the attacker otherwise (refused either way). */
export function trustedOrForged(
  context: AttackContext,
  claims: Record<string, unknown> | string = validClaims(context),
  headerOverrides: Record<string, unknown> = {},
): string {
  return context.trustedKey ? trusted(context, claims, headerOverrides) : forged(context, headerOverrides, claims);
}

export const bearer = (token: string) => `Bearer ${token}`;
