/* Test support for the forwarding specs (not part of the public API): loopback servers and contexts. */
import {
  createServer,
  request as httpRequest,
  type Agent,
  type IncomingMessage,
  type RequestListener,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { GatewayContext, HeaderBag } from '@stack/apim-policy';
import type { BackendClient } from '../forwarding/backend-client';
import { abortWhenClientLeaves } from '../forwarding/client-disconnected';
import { BackendFailure } from '../forwarding/backend-failure';
import { writeResponse } from '../forwarding/response-writer';

/** A node:http server on 127.0.0.1 that counts the TCP connections it accepted. */
export interface LoopbackServer {
  readonly url: string;
  readonly port: number;
  connections: number;
  close(): Promise<void>;
}

export async function startServer(handler: RequestListener, port = 0): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  const started: LoopbackServer = {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => started.connections++);
  return started;
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.port;
}

export interface ContextOptions {
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: Readable | Buffer | string;
  ipAddress?: string;
  originalUrl?: string;
}

/** A context whose API forwards to `serviceUrl`, for `path` below it. */
export function contextFor(serviceUrl: string, path = '/', options: ContextOptions = {}): GatewayContext {
  const method = options.method ?? 'GET';
  return new GatewayContext({
    method,
    originalUrl: new URL(options.originalUrl ?? `http://gateway.test:8080/echo${path}`),
    headers: HeaderBag.from(options.headers ?? {}),
    ipAddress: options.ipAddress ?? '127.0.0.1',
    body: options.body,
    api: { id: 'echo-api', name: 'Echo API', path: 'echo', serviceUrl },
    operation: { id: 'op', name: 'op', method, urlTemplate: '/*' },
    backendPath: new URL(path, 'http://x').pathname,
  });
}

/** What the test gateway saw for each request. */
export interface GatewayOutcome {
  error?: unknown;
  written: Promise<void>;
}

export interface TestGateway extends LoopbackServer {
  readonly outcomes: GatewayOutcome[];
}

/**
 * A minimal gateway over `client`: forwards every request to `serviceUrl`, answers a BackendFailure
 * as `{ statusCode, message }` JSON, and records what happened.
 */
export async function startGateway(client: BackendClient, serviceUrl: string): Promise<TestGateway> {
  const outcomes: GatewayOutcome[] = [];
  const server = await startServer((req, res) => {
    let settle: () => void = () => undefined;
    const outcome: GatewayOutcome = { written: new Promise<void>((resolve) => (settle = resolve)) };
    outcomes.push(outcome);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const context = contextFor(serviceUrl, url.pathname, {
      method: req.method,
      headers: req.headers as Record<string, string | string[]>,
      body: req,
      ipAddress: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      originalUrl: url.href,
    });
    void (async () => {
      try {
        await client.forward(context, abortWhenClientLeaves(res));
        if (context.response) await writeResponse(context.response, context.request.method, res);
      } catch (error) {
        outcome.error = error;
        if (error instanceof BackendFailure && !res.destroyed) {
          res.writeHead(error.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ statusCode: error.status, message: error.message }));
        }
      } finally {
        settle();
      }
    })();
  });
  return Object.assign(server, { outcomes });
}

/** A response read to its end. */
export interface Received {
  status: number;
  statusMessage?: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** One request with node:http (a fresh connection unless an agent is given), read to the end. */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; agent?: Agent } = {},
): Promise<Received> {
  return new Promise((resolve, reject) => {
    const init = { method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? false };
    const req = httpRequest(url, init, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Reads a whole stream (the backend body a forward produced). */
export async function readAll(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Reads a request body on the backend side. */
export function readRequest(req: IncomingMessage): Promise<Buffer> {
  return readAll(req);
}
