import { readClientId, tokenVersionOf } from '../entra/token-facts';
import type { Claims } from '../model';
import { boundedValue } from '../text/bounded-value';
import type { TokenSummary } from './doctor-types';

/** The header fields and claims a person needs to see which token this is. Values are depth- and length-bounded. */
export function summarizeToken(header: Readonly<Record<string, unknown>>, claims: Claims): TokenSummary {
  const pick = (source: Readonly<Record<string, unknown>>, name: string) =>
    source[name] === undefined ? undefined : boundedValue(source[name]);
  return dropUndefined({
    alg: pick(header, 'alg'),
    kid: pick(header, 'kid'),
    typ: pick(header, 'typ'),
    version: tokenVersionOf(claims),
    iss: pick(claims, 'iss'),
    aud: pick(claims, 'aud'),
    tid: pick(claims, 'tid'),
    client: readClientId(claims),
    roles: pick(claims, 'roles'),
    scp: pick(claims, 'scp'),
    iat: isoDate(claims['iat']),
    nbf: isoDate(claims['nbf']),
    exp: isoDate(claims['exp']),
  });
}

/** A NumericDate as ISO 8601, or undefined when it is not a usable number. */
export function isoDate(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || Math.abs(seconds) > 8.64e12) return undefined;
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
