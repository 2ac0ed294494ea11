import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isReservedPath } from './reserved-paths';

export const GATEWAY_REQUEST_HANDLER = Symbol('GATEWAY_REQUEST_HANDLER');
export type GatewayRequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * Every request outside the gateway's own paths goes through the APIM pipeline; the NestJS router
 * sees only /docs and the status endpoint. Bodies stay unread (no body parser) and are streamed.
 */
@Injectable()
export class GatewayProxyMiddleware implements NestMiddleware {
  constructor(@Inject(GATEWAY_REQUEST_HANDLER) private readonly handle: GatewayRequestHandler) {}

  use(request: IncomingMessage & { originalUrl?: string }, response: ServerResponse, next: (error?: unknown) => void) {
    const path = (request.originalUrl ?? request.url ?? '/').split('?')[0];
    if (isReservedPath(path)) return next();
    this.handle(request, response).catch(next);
  }
}
