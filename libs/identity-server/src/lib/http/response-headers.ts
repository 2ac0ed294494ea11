/** Headers Entra sets on token and error responses. */
import type { FastifyReply } from 'fastify';
import type { RequestIds } from './request-ids';

/** No caching of tokens or errors; echo the correlation id; expose the trace id as `x-ms-request-id`. */
export function setNoStoreHeaders(reply: FastifyReply, ids: RequestIds): void {
  reply
    .header('cache-control', 'no-store, no-cache')
    .header('pragma', 'no-cache')
    .header('client-request-id', ids.correlationId)
    .header('x-ms-request-id', ids.traceId);
}
