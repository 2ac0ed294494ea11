/**
 * A loopback HTTP server that must never be called: the catalogue puts its URL in `jku`, `x5u` and `kid`. Every
 * request to it is counted; a target that follows a URL from a token shows up here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Canary {
  readonly url: string;
  /** Requests received so far (method and path). */
  readonly hits: readonly string[];
  close(): Promise<void>;
}

export async function startCanary(host = '127.0.0.1'): Promise<Canary> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    // Answer like an empty JWKS, so a target that fetched it has something to (wrongly) use.
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
