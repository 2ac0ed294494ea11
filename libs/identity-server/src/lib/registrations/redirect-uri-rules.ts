/**
 * Entra's rules for registered redirect URIs ("Redirect URI (reply URL) restrictions and limitations"): absolute,
 * at most 256 characters, `https` except for loopback hosts (`localhost`, `127.0.0.1`), no fragment, no wildcard;
 * public-client (native) URIs may also use a custom scheme. For loopback URIs the port is ignored when matching, so
 * two loopback URIs that differ only by port are ambiguous and refused, as the documentation advises.
 */
import type { RedirectPlatform, RedirectUris } from './registrations.schema';

/** Maximum length of one redirect URI in an app registration. */
export const MAX_REDIRECT_URI_LENGTH = 256;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

/** True for `http(s)://localhost[:port]/…` and `http(s)://127.0.0.1[:port]/…`. */
export function isLoopback(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * The key two redirect URIs share when Entra treats them as the same: the exact string, except that a loopback
 * URI's port is dropped.
 */
export function redirectMatchKey(uri: string): string {
  const url = URL.canParse(uri) ? new URL(uri) : undefined;
  if (!url || !isLoopback(url)) return uri;
  return `${url.protocol}//${url.hostname}${url.pathname}${url.search}`;
}

/** Reports each invalid registered redirect URI as (platform, index, message). */
export function checkRedirectUris(
  uris: RedirectUris,
  problem: (platform: RedirectPlatform, index: number, message: string) => void,
): void {
  const seen = new Map<string, string>();
  for (const platform of ['web', 'spa', 'publicClient'] as const) {
    uris[platform].forEach((uri, index) => {
      const message = redirectUriProblem(platform, uri);
      if (message) {
        problem(platform, index, message);
        return;
      }
      const key = redirectMatchKey(uri);
      const previous = seen.get(key);
      if (previous) {
        problem(
          platform,
          index,
          `${uri} matches ${previous} already registered (loopback ports are ignored when matching); distinguish them by path`,
        );
      }
      seen.set(key, `${platform}: ${uri}`);
    });
  }
}

function redirectUriProblem(platform: RedirectPlatform, uri: string): string | undefined {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `A redirect URI has at most ${MAX_REDIRECT_URI_LENGTH} characters`;
  if (!URL.canParse(uri)) return `Not an absolute URI: ${uri}`;
  const url = new URL(uri);
  if (url.hash || uri.includes('#')) return 'A redirect URI has no fragment (#…)';
  if (uri.includes('*')) return 'Wildcard redirect URIs are not supported here; register each URI';
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  if (platform !== 'publicClient' && !web) return `A ${platform} redirect URI uses https (or http for localhost)`;
  if (url.protocol === 'http:' && !isLoopback(url)) {
    return 'http is allowed only for localhost and 127.0.0.1; use https';
  }
  if (web && url.username) return 'A redirect URI carries no user name or password';
  return undefined;
}
