import { extractToken, type ExtractedToken, type HttpValues, type TokenSource } from '@stack/claim-policy';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * The parts of an Express or Fastify request the token is read from. Express's request is the Node
 * `IncomingMessage`; Fastify keeps it in `raw`.
 */
export interface RequestLike {
  readonly headers: IncomingHttpHeaders;
  readonly query?: unknown;
  readonly raw?: IncomingMessage;
  readonly headersDistinct?: IncomingMessage['headersDistinct'];
}

/**
 * Reads the bearer token of a framework request with claim-policy's strict parser. Node keeps only
 * the first of repeated `Authorization` headers in `headers`, so the distinct view (every value) is
 * passed instead: a second `Authorization` header must be a 400 `invalid_request`, not ignored.
 */
export function readRequestToken(request: RequestLike, source: TokenSource): ExtractedToken {
  const distinct = request.headersDistinct ?? request.raw?.headersDistinct;
  const headers: HttpValues = distinct ?? request.headers;
  return extractToken(source, { headers, query: queryValues(request.query) });
}

/** Normalises query values to strings; an object (qs builds them from `a[b]=c`) becomes a non-token string. */
function queryValues(query: unknown): HttpValues {
  if (query === null || typeof query !== 'object') return {};
  const values: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.map(String);
    else if (value !== undefined) values[name] = String(value);
  }
  return values;
}
