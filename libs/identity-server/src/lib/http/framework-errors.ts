/**
 * Errors Fastify's router raises before any route runs (a URL that is not valid percent-encoding, a path segment
 * over the length limit): answered in the AADSTS shape too, so no response ever leaves in another format.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { aadstsErrorBody } from '../errors/aadsts-error';
import { invalidRequest } from '../errors/catalogue';
import { setNoStoreHeaders } from './response-headers';

const MAX_ECHO = 200;

/** Builds Fastify's `frameworkErrors` handler. */
export function frameworkErrorHandler(logger: Logger, now: () => number = Date.now) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    // The URL could not be parsed, so no client-request-id can be read from it.
    const ids = { traceId: randomUUID(), correlationId: randomUUID() };
    const message = error.message.length > MAX_ECHO ? `${error.message.slice(0, MAX_ECHO)}…` : error.message;
    const refusal = invalidRequest(`The request URL can't be read: ${message}`, error.statusCode ?? 400);
    logger.info(
      {
        event: 'request_refused',
        status: refusal.status,
        code: refusal.code,
        reason: error.code,
        traceId: ids.traceId,
      },
      `AADSTS${refusal.code} ${refusal.error}`,
    );
    setNoStoreHeaders(reply, ids);
    void reply
      .status(refusal.status)
      .type('application/json; charset=utf-8')
      .send(aadstsErrorBody(refusal, { ...ids, now: new Date(now()) }));
  };
}
