import type { Claims } from '../model';

/** Entra tenant and application ids are GUIDs. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Microsoft Graph's resource identifiers: tokens for Graph are not ours to validate. */
const GRAPH_AUDIENCES = new Set(['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000']);

/** Entra access-token version. */
export type TokenVersion = '1.0' | '2.0';

/** True when `value` is a GUID such as an Entra appId or tenant id. */
export function isGuid(value: unknown): boolean {
  return typeof value === 'string' && GUID.test(value);
}

/** True for Microsoft Graph's audience values. */
export function isGraphAudience(value: string): boolean {
  return GRAPH_AUDIENCES.has(value.replace(/\/$/, '').toLowerCase());
}

/**
 * The Entra token version: the `ver` claim (`"1.0"` / `"2.0"`), else guessed from the issuer form
 * (`…/v2.0` is v2, `https://sts.windows.net/…/` is v1). `undefined` when neither says.
 */
export function tokenVersionOf(claims: Claims): TokenVersion | undefined {
  if (claims['ver'] === '1.0' || claims['ver'] === '2.0') return claims['ver'];
  const issuer = issuerForm(claims['iss']);
  return issuer?.version;
}

/**
 * The calling client's application id: `azp` in v2 tokens, `appid` in v1 tokens. When a token
 * carries both, the one that belongs to its version wins.
 */
export function clientIdOf(claims: Claims): string | undefined {
  return readClientId(claims)?.value;
}

/** The client id and the claim it came from (`azp` or `appid`), see {@link clientIdOf}. */
export function readClientId(claims: Claims): { readonly claim: 'azp' | 'appid'; readonly value: string } | undefined {
  const order: readonly ('azp' | 'appid')[] = tokenVersionOf(claims) === '1.0' ? ['appid', 'azp'] : ['azp', 'appid'];
  for (const claim of order) {
    const value = claims[claim];
    if (typeof value === 'string' && value !== '') return { claim, value };
  }
  return undefined;
}

/** An Entra issuer split into its parts: `https://host/<tenant>/v2.0` (v2) or `https://host/<tenant>/` (v1). */
export interface IssuerForm {
  readonly host: string;
  readonly tenant: string;
  readonly version: TokenVersion;
}

/** Recognises the two Entra issuer shapes; `undefined` for anything else. */
export function issuerForm(issuer: unknown): IssuerForm | undefined {
  if (typeof issuer !== 'string') return undefined;
  const v2 = /^(https?:\/\/[^/]+)\/([^/]+)\/v2\.0\/?$/i.exec(issuer);
  if (v2) return { host: v2[1], tenant: v2[2], version: '2.0' };
  const v1 = /^(https?:\/\/[^/]+)\/([^/]+)\/$/i.exec(issuer);
  if (v1 && isGuid(v1[2])) return { host: v1[1], tenant: v1[2], version: '1.0' };
  return undefined;
}
