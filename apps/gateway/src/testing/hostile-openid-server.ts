import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback "identity provider" that answers OpenID discovery and JWKS requests the way a broken or hostile
 * one would. Each behaviour has its own path prefix; `<url>/<behaviour>/.well-known/openid-configuration` is
 * the discovery URL to put in a policy.
 */
export const HOSTILE_BEHAVIOURS = [
  /** HTTP 500 with an HTML body. */
  'status-500',
  /** HTTP 200 with a body that is not JSON. */
  'garbage',
  /** HTTP 200 with the JSON `null`. */
  'json-null',
  /** HTTP 200, JSON with the wrong member types. */
  'wrong-shape',
  /** HTTP 200 that never ends: bytes until the client hangs up. */
  'endless',
  /** A declared content-length of 1 GiB. */
  'huge-declared',
  /** Accepts the connection and never answers. */
  'silent',
  /** A redirect to another host. */
  'redirect',
  /** Closes the connection mid-answer. */
  'reset',
  /** A proper discovery document whose jwks_uri answers garbage. */
  'garbage-jwks',
  /** A proper discovery document whose jwks_uri is not http(s). */
  'file-jwks',
] as const;
export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number];

export interface HostileOpenIdServer {
  readonly url: string;
  /** The discovery URL for a behaviour. */
  discoveryUrl(behaviour: HostileBehaviour): string;
  /** Requests seen, as `METHOD path`. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

export async function startHostileOpenIdServer(): Promise<HostileOpenIdServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let origin = '';

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push(`${request.method} ${request.url}`);
    const [, behaviour, ...rest] = (request.url ?? '/').split('/');
    const isJwks = rest.join('/') === 'keys';
    const discovery = (jwksUri: string) =>
      json(response, {
        issuer: `${origin}/${behaviour}`,
        jwks_uri: jwksUri,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    switch (behaviour as HostileBehaviour) {
      case 'status-500':
        return void response.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal Server Error</h1>');
      case 'garbage':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end('<html>{not json');
      case 'json-null':
        return json(response, null);
      case 'wrong-shape':
        return json(response, { issuer: 42, jwks_uri: ['x'] });
      case 'endless':
        return endless(response);
      case 'huge-declared':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 ** 30) });
        return void response.write('{"issuer":"');
      case 'silent':
        return; // never answers; the socket is destroyed on close()
      case 'redirect':
        return void response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
      case 'reset':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        response.write('{"issuer":');
        return void request.socket.destroy();
      case 'garbage-jwks':
        if (isJwks) return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":');
        return discovery(`${origin}/garbage-jwks/keys`);
      case 'file-jwks':
        return discovery('file:///etc/passwd');
      default:
        return void response.writeHead(404).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    discoveryUrl: (behaviour) => `${origin}/${behaviour}/.well-known/openid-configuration`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function json(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** 64 KiB chunks for as long as the client reads. */
function endless(response: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"issuer":"');
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', pump);
  };
  response.once('close', () => response.removeAllListeners('drain'));
  pump();
}
