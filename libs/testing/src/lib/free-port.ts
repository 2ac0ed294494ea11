/** A free TCP port on 127.0.0.1, for tests that must tell a process its port before it starts. */
import { createServer } from 'node:net';

/** Resolves a port that was free a moment ago (prefer port 0 where the API allows it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port')),
      );
    });
  });
}
