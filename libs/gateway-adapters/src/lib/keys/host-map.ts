/**
 * Maps the origins policies name to where they are served here, so a policy written for Azure runs
 * unchanged: `https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration` is
 * fetched from the local identity service when `GATEWAY_ENTRA_AUTHORITY_HOST` points at it.
 */
export class HostMap {
  private readonly origins: ReadonlyMap<string, string>;

  /** `mappings`: origin as written in policies → origin to fetch from, e.g. `https://localhost:5443`. */
  constructor(mappings: Readonly<Record<string, string>> = {}) {
    this.origins = new Map(
      Object.entries(mappings).map(([from, to]) => [new URL(from).origin, new URL(to).href.replace(/\/+$/, '')]),
    );
  }

  /** The URL to fetch for `url` (unchanged when its origin is not mapped). */
  resolve(url: string): string {
    const parsed = new URL(url);
    const target = this.origins.get(parsed.origin);
    return target === undefined ? url : `${target}${parsed.pathname}${parsed.search}`;
  }

  /** Where Entra lives for `validate-azure-ad-token`: the mapped login.microsoftonline.com, if any. */
  entraAuthorityHost(): string | undefined {
    return this.origins.get(ENTRA_AUTHORITY_ORIGIN);
  }
}

export const ENTRA_AUTHORITY_ORIGIN = 'https://login.microsoftonline.com';
