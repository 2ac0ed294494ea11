import { REQUEST_ID_HEADER, requestIdFrom } from '../request-id';

/**
 * Options for `new FastifyAdapter(...)`: Fastify names every request itself (`req-1`, …) before any middleware
 * runs, and pino-http keeps an id it finds, so the caller's sane `X-Request-Id` (else a UUID) is chosen here.
 */
export const FASTIFY_REQUEST_ID_OPTIONS = {
  genReqId: (request: { headers: Record<string, string | string[] | undefined> }): string =>
    requestIdFrom(request.headers[REQUEST_ID_HEADER]),
} as const;
