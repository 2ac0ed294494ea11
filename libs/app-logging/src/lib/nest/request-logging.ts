import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { REQUEST_ID_HEADER, requestIdFrom } from '../request-id';
import { requestContext } from './request-context';
import { logRequestLine } from './request-line';

interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void,
  ): void;
  addHook(
    name: 'onResponse',
    hook: (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void,
  ): void;
}
interface FastifyRequestLike {
  readonly id: unknown;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
}
interface FastifyReplyLike {
  readonly statusCode: number;
  readonly elapsedTime: number;
  hasHeader(name: string): boolean;
  header(name: string, value: string): unknown;
}

/**
 * Request ids and the request line, on the adapter's own hooks: Fastify's onRequest/onResponse (no Express-style
 * middleware layer on the hot path) or one Express middleware. Every request gets an id (the caller's
 * `X-Request-Id` when sane, else a new UUID), echoed as `X-Request-Id` and carried as `requestId` by every line
 * logged while it runs.
 */
export function installRequestLogging(app: INestApplication, logger: Logger): void {
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') installOnFastify(adapter.getInstance() as FastifyLike, logger);
  else app.use(expressRequestLogging(logger));
}

function installOnFastify(fastify: FastifyLike, logger: Logger): void {
  // Ids chosen here when the adapter was built without FASTIFY_REQUEST_ID_OPTIONS (Fastify's own are `req-1`, …).
  const chosenIds = new WeakMap<FastifyRequestLike, string>();
  const idOf = (request: FastifyRequestLike): string =>
    typeof request.id === 'string' && !request.id.startsWith('req-') ? request.id : (chosenIds.get(request) ?? '');
  fastify.addHook('onRequest', (request, reply, done) => {
    let requestId = idOf(request);
    if (requestId === '') {
      requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
      chosenIds.set(request, requestId);
    }
    if (!reply.hasHeader(REQUEST_ID_HEADER)) reply.header('X-Request-Id', requestId);
    requestContext.run({ requestId }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequestLine(logger, idOf(request), request.method, request.url, reply.statusCode, reply.elapsedTime);
    done();
  });
}

function expressRequestLogging(logger: Logger) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    if (!response.hasHeader(REQUEST_ID_HEADER)) response.setHeader('X-Request-Id', requestId);
    // originalUrl: Express rewrites url under mounted routers; the request line shows what the caller asked for.
    const url = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url;
    response.once('close', () =>
      logRequestLine(logger, requestId, request.method, url, response.statusCode, performance.now() - started),
    );
    requestContext.run({ requestId }, next);
  };
}
