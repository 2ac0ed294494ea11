/**
 * Per-request ids stamped into responses and logs: `trace_id` (new per request, also `x-ms-request-id`) and
 * `correlation_id` (the client's `client-request-id` header or query/body parameter when it sent one, as msal does).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Trace and correlation ids of one request. */
export interface RequestIds {
  readonly traceId: string;
  readonly correlationId: string;
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;
const ids = new WeakMap<object, RequestIds>();

/** Returns the request's ids, the same on every call for one request. */
export function requestIds(request: FastifyRequest): RequestIds {
  const known = ids.get(request);
  if (known) return known;
  const created = { traceId: randomUUID(), correlationId: clientRequestId(request) ?? randomUUID() };
  ids.set(request, created);
  return created;
}

function clientRequestId(request: FastifyRequest): string | undefined {
  const candidates = [
    request.headers['client-request-id'],
    (request.query as Record<string, unknown> | undefined)?.['client-request-id'],
    (request.body as Record<string, unknown> | undefined)?.['client-request-id'],
  ];
  // Only well-formed ids are echoed: the value goes back into a response body and the logs.
  return candidates.find((value): value is string => typeof value === 'string' && SAFE_ID.test(value));
}
