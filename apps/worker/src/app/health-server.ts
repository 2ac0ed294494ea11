import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenProvider } from '@stack/token-cache';
import type { CallStats } from './call-loop';

/**
 * `GET /health` for liveness (container health checks) with the call and token-cache counters, so a person or a test
 * can see how many token requests the worker made.
 */
export async function startHealthServer(
  host: string,
  port: number,
  state: { stats: CallStats; tokens: TokenProvider },
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found: try GET /health"}');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: 'ok', calls: state.stats, tokens: state.tokens.counters() }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
