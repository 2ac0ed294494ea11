import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { loggableText } from '../loggable-text';
import { REQUEST_ID_HEADER, requestIdFrom } from '../request-id';
import { AppNestLogger } from './app-nest-logger';

export interface AppLoggerModuleOptions {
  /** The app logger ({@link createAppLogger}). */
  readonly logger: Logger;
}

/**
 * nestjs-pino (pino-http) on the app logger: every request gets an id (the caller's `X-Request-Id` when sane, else a
 * new UUID), echoed as `X-Request-Id` and carried as `requestId` by every line logged while it runs. One line per
 * request when it ends: debug for success (health probes included, so an idle app is quiet), info for 4xx,
 * error for 5xx. Only method, path (no query: it may carry a key) and status are logged, never headers.
 */
@Module({})
export class AppLoggerModule {
  static forRoot(options: AppLoggerModuleOptions): DynamicModule {
    return {
      module: AppLoggerModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // Every route, in path-to-regexp 8 syntax (Express 5, Fastify): a legacy `*` makes Nest warn once a
          // global prefix is set (echo-api's `api`).
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            logger: options.logger,
            quietReqLogger: true,
            customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
            // Express: here. Fastify gives the request its id first (FASTIFY_REQUEST_ID_OPTIONS), so this is not called.
            genReqId: (request: IncomingMessage) => requestIdFrom(request.headers[REQUEST_ID_HEADER]),
            // Called as the request arrives (and again when it ends): the one place both adapters pass through.
            customProps: (request: IncomingMessage & { id?: unknown }, response: ServerResponse) => {
              echoRequestId(request, response);
              return {};
            },
            customLogLevel: (_request, response, error) =>
              error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'info' : 'debug',
            customSuccessMessage: () => 'request',
            customErrorMessage: () => 'request failed',
            serializers: {
              req: (request: { method?: string; url?: string }) => ({
                method: request.method,
                path: loggableText((request.url ?? '').split('?')[0]),
              }),
              res: (response: { statusCode?: number }) => ({ status: response.statusCode }),
            },
          },
        }),
      ],
      providers: [{ provide: AppNestLogger, useValue: new AppNestLogger(options.logger) }],
      exports: [AppNestLogger],
    };
  }
}

/** `X-Request-Id` on the answer, unless the app set one itself. */
function echoRequestId(request: IncomingMessage & { id?: unknown }, response: ServerResponse): void {
  if (response.headersSent || response.hasHeader(REQUEST_ID_HEADER) || typeof request.id !== 'string') return;
  response.setHeader('X-Request-Id', request.id);
}
