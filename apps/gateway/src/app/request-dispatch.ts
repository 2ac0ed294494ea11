import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isReservedPath } from './reserved-paths';

/** Answers one gateway request; never rejects (see createGatewayRequestHandler). */
export type GatewayRequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * Sends every request outside the gateway's own paths straight to the APIM pipeline, and only /docs and the
 * status endpoint to the NestJS (Express) app. The pipeline does its own routing, so Express's router, its
 * request decoration and its path decoding (which answers its own 400 for a malformed path) would be pure cost
 * on every API call. Call once the Nest app is created and before it listens.
 */
export function dispatchGatewayRequests(server: Server, handle: GatewayRequestHandler): void {
  const [nest, ...others] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!nest || others.length > 0) throw new Error('expected exactly one request listener (the Nest app)');
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (isReservedPath(pathOf(request.url))) nest(request, response);
    else void handle(request, response);
  });
}

function pathOf(url = '/'): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
