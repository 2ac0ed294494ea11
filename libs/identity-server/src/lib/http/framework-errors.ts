/**
 * Errors raised before any route runs, answered in the AADSTS shape too, so no response ever leaves in another
 * format: Fastify's router errors (a URL that is not valid percent-encoding, a path segment over the length limit)
 * and Node's HTTP parser errors (bytes no HTTP request may hold, oversized headers, timeouts).
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { aadstsErrorBody } from '../errors/aadsts-error';
import { invalidRequest } from '../errors/catalogue';
import { loggableText } from './loggable';
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

/** Status Node's own handler would use for an HTTP parser error. */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  return 400;
}

/**
 * Builds Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses gets an AADSTS body, and the log gets
 * the parser's error code only (never the raw packet, which may hold credentials).
 */
export function clientErrorHandler(logger: Logger, now: () => number = Date.now) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const ids = { traceId: randomUUID(), correlationId: randomUUID() };
    const status = clientErrorStatus(error.code);
    const refusal = invalidRequest("The request isn't valid HTTP/1.1 (see RFC 9112).", status);
    logger.info(
      {
        event: 'request_refused',
        status,
        code: refusal.code,
        reason: loggableText(error.code ?? 'unknown'),
        traceId: ids.traceId,
      },
      `AADSTS${refusal.code} ${refusal.error}`,
    );
    if (socket.writable) {
      const body = JSON.stringify(aadstsErrorBody(refusal, { ...ids, now: new Date(now()) }));
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n` +
          'Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store, no-cache\r\nPragma: no-cache\r\n' +
          `x-ms-request-id: ${ids.traceId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
