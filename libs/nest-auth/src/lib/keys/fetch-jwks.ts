import { JwksFetchError } from './key-store-errors';

/** Shape jwks-rsa expects from a custom fetcher. */
export type JwksFetcher = (jwksUri: string) => Promise<{ keys: unknown[] }>;

/** Largest JWKS document we parse; Entra's is a few KB. Guards against a hostile or broken endpoint. */
const maxJwksBytes = 512 * 1024;

/**
 * A JWKS fetcher on the global `fetch` (undici). We use it instead of jwks-rsa's built-in
 * node:https client so one TLS trust setup (NODE_EXTRA_CA_CERTS, or a dispatcher installed by the
 * test helpers for the development CA) covers every outbound call of the process.
 */
export function createJwksFetcher(timeoutMs: number): JwksFetcher {
  return async (jwksUri) => {
    const response = await fetch(jwksUri, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new JwksFetchError(`the JWKS endpoint answered HTTP ${response.status}`);
    }
    const text = await response.text();
    if (text.length > maxJwksBytes) throw new JwksFetchError('the JWKS document is larger than 512 KB');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new JwksFetchError('the JWKS endpoint did not answer JSON');
    }
    const keys = (body as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new JwksFetchError('the JWKS document has no "keys" array');
    return { keys };
  };
}
