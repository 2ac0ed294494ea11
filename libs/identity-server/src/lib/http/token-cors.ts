/**
 * CORS on the token endpoints, for browser clients such as the gateway's developer portal (Swagger UI's
 * "Authorize" with client credentials): preflights are answered here, and every token response (tokens and
 * AADSTS errors alike) names an allowed origin. Entra's token endpoint answers browsers the same way; origins
 * not listed get no CORS headers, so the browser keeps the response from the page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** `/{tenant}/oauth2/v2.0/token` and `/{tenant}/oauth2/token`, query string ignored. */
const TOKEN_PATH = /^\/[^/?]+\/oauth2\/(?:v2\.0\/)?token(?:\?|$)/;

const ALLOW_METHODS = 'POST';
/** msal-browser and Swagger UI send these; `authorization` carries client_secret_basic. */
const ALLOW_HEADERS = 'authorization, content-type, x-requested-with';
/** Chromium caps preflight caching at two hours. */
const MAX_AGE_SECONDS = '7200';

/**
 * Checks and normalises allowed origins: each is `*` or an origin like `http://localhost:8080` (scheme, host,
 * port; no path).
 * @throws Error naming the first entry that is not an origin.
 */
export function normaliseCorsOrigins(origins: readonly string[]): ReadonlySet<string> {
  const allowed = new Set<string>();
  for (const entry of origins) {
    const value = entry.trim();
    if (value === '') continue;
    if (value === '*') {
      allowed.add(value);
      continue;
    }
    const url = URL.canParse(value) ? new URL(value) : undefined;
    const bare = url && /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash;
    if (!url || !bare || url.username || url.password) {
      throw new Error(
        `corsOrigins: '${entry}' is not an origin; write scheme, host and port only, e.g. http://localhost:8080.`,
      );
    }
    const origin = url.origin;
    allowed.add(origin);
  }
  return allowed;
}

/** `http://localhost` for `http://localhost:8080`: the key of a loopback origin whatever its port. */
function portlessLoopback(origin: string): string | undefined {
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || !['localhost', '127.0.0.1'].includes(url.hostname)) return undefined;
  return `${url.protocol}//${url.hostname}`;
}

/**
 * Adds the CORS handling of the token endpoints to the Fastify instance (before it listens).
 * @param spaOrigins origins of registered SPA redirect URIs; loopback ones match on any port, as their redirect URIs
 * do (Entra ignores the port of localhost redirect URIs).
 */
export function registerTokenEndpointCors(
  fastify: FastifyInstance,
  origins: readonly string[],
  spaOrigins: readonly string[] = [],
): void {
  const allowed = normaliseCorsOrigins([...origins, ...spaOrigins]);
  if (allowed.size === 0) return;
  const loopback = new Set(spaOrigins.map(portlessLoopback).filter((key): key is string => key !== undefined));
  const isAllowed = (origin: string) => {
    if (allowed.has('*') || allowed.has(origin.toLowerCase())) return true;
    const key = portlessLoopback(origin);
    return key !== undefined && loopback.has(key);
  };

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!TOKEN_PATH.test(request.url)) return;
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    const allowOrigin = typeof origin === 'string' && isAllowed(origin);
    if (allowOrigin) reply.header('access-control-allow-origin', origin);
    if (request.method !== 'OPTIONS') return;
    // A preflight: answered here, never reaching the router (which knows POST only).
    if (allowOrigin) {
      reply
        .header('access-control-allow-methods', ALLOW_METHODS)
        .header('access-control-allow-headers', ALLOW_HEADERS)
        .header('access-control-max-age', MAX_AGE_SECONDS);
    }
    await reply.code(204).send();
  });
}
