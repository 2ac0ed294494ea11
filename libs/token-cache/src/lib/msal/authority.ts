import { TokenProviderOptionsError } from '../errors';

/** The parts of an authority URL the provider needs. */
export interface ParsedAuthority {
  /** The authority as msal takes it, without a trailing slash. */
  readonly url: string;
  /** `host[:port]`, for msal's `knownAuthorities`. */
  readonly host: string;
  /** The tenant: the last path segment (a GUID, a domain name, or `organizations` ...). */
  readonly tenantId: string;
}

/**
 * Checks and splits an authority URL such as `https://login.microsoftonline.com/<tenant>` or
 * `https://localhost:5443/<tenant>`.
 */
export function parseAuthority(authority: string): ParsedAuthority {
  let url: URL;
  try {
    url = new URL(authority);
  } catch {
    throw new TokenProviderOptionsError(
      `authority '${authority}' is not a URL; set it to https://<host>/<tenant id>, e.g. https://login.microsoftonline.com/<tenant id>.`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new TokenProviderOptionsError(`authority '${authority}' must use https (msal-node refuses other schemes).`);
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const tenantId = segments[segments.length - 1];
  if (!tenantId) {
    throw new TokenProviderOptionsError(
      `authority '${authority}' has no tenant; set it to https://${url.host}/<tenant id>.`,
    );
  }
  return { url: `${url.origin}/${segments.join('/')}`, host: url.host, tenantId };
}
