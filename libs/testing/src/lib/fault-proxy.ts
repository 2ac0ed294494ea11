/**
 * A reverse proxy on 127.0.0.1 in front of the identity service that can make token requests fail: answer with a
 * status (429 + Retry-After, 503 ...) or drop the connection. It records every request it sees, with its arrival time,
 * so tests can check how a client retried.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with a token request instead of forwarding it. */
export type TokenFault =
  /** Answer with this status, e.g. `{ status: 429, retryAfter: 2 }` or `{ status: 503 }`. */
  | { readonly status: number; readonly retryAfter?: number | string; readonly body?: string }
  /** Close the connection without answering (a network error for the client). */
  | { readonly drop: true };

/** One request the proxy saw. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query, e.g. `/<tenant>/oauth2/v2.0/token`. */
  readonly path: string;
  /** Arrival time, `Date.now()`. */
  readonly at: number;
  /** Whether it was a token request (a POST to a path ending in `/token`). */
  readonly tokenRequest: boolean;
  /** The status the client got (absent when the connection was dropped or the target failed). */
  readonly status?: number;
  /** The fault applied instead of forwarding, if any. */
  readonly fault?: TokenFault;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The service to forward to, e.g. the identity service's `https://localhost:<port>`. */
  readonly target: string;
  /**
   * Serve HTTPS with this certificate and key (PEM), e.g. the identity service's own, so clients that trust the
   * identity service trust the proxy too. msal-node only talks to https authorities. Without it, plain HTTP.
   */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
  /** CA certificate (PEM) to trust when forwarding to an https target; default Node's trust store. */
  readonly targetCaPem?: string;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** `https://localhost:<port>` (or `http://...`): use it in place of the target's origin. */
  readonly url: string;
  readonly port: number;
  /** Every request seen, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  /** The token requests seen, in arrival order. */
  tokenRequests(): ProxiedRequest[];
  /** Applies `fault` to the next `count` token requests instead of forwarding them. */
  failNextTokenRequests(count: number, fault: TokenFault): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

/**
 * Starts the proxy on a free port. Responses that mention the target's origin (the OpenID configuration's
 * `token_endpoint`, `issuer` ...) are rewritten to the proxy's origin, so a client pointed at the proxy keeps
 * talking to the proxy.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const requests: ProxiedRequest[] = [];
  const faults: TokenFault[] = [];
  let proxyOrigin = '';

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const tokenRequest = method === 'POST' && /\/token$/.test(path.split('?')[0]);
    const fault = tokenRequest ? faults.shift() : undefined;
    // Recorded on arrival, so `requests` is in arrival order; the status is filled in when the answer goes out.
    const entry: { -readonly [K in keyof ProxiedRequest]: ProxiedRequest[K] } = { method, path, at, tokenRequest };
    if (fault) entry.fault = fault;
    requests.push(entry);
    const record = (status?: number) => {
      if (status !== undefined) entry.status = status;
    };

    if (fault && 'drop' in fault) {
      record();
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (fault && 'status' in fault) {
        record(fault.status);
        const headers: Record<string, string> = { 'content-type': 'text/plain', connection: 'close' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        res.writeHead(fault.status, headers).end(fault.body ?? `fault proxy: HTTP ${fault.status}`);
        return;
      }
      forward(
        method,
        path,
        req.headers,
        Buffer.concat(chunks),
        (status, headers, body) => {
          record(status);
          res.writeHead(status, headers).end(body);
        },
        (error) => {
          record(502);
          res.writeHead(502, { 'content-type': 'text/plain' }).end(`fault proxy: target failed: ${error.message}`);
        },
      );
    });
  };

  const forward = (
    method: string,
    path: string,
    incoming: IncomingMessage['headers'],
    body: Buffer,
    respond: (status: number, headers: Record<string, string | string[]>, body: Buffer) => void,
    fail: (error: Error) => void,
  ) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(incoming)) {
      if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'accept-encoding') headers[name] = value;
    }
    headers['host'] = target.host;
    headers['content-length'] = String(body.length);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(
      new URL(path, target),
      // agent: false — the global agent's options (set by trustDevCa) would override this request's own `ca`.
      { method, headers, agent: false, ...(options.targetCaPem ? { ca: options.targetCaPem } : {}) },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const rewritten = rewriteOrigins(Buffer.concat(parts), response.headers['content-type'], target, proxyOrigin);
          const out: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
          }
          out['content-length'] = String(rewritten.length);
          respond(response.statusCode ?? 502, out, rewritten);
        });
      },
    );
    upstream.on('error', fail);
    upstream.end(body);
  };

  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, handle)
    : createHttpServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  proxyOrigin = `${options.tls ? 'https' : 'http'}://localhost:${port}`;

  return {
    url: proxyOrigin,
    port,
    requests,
    tokenRequests: () => requests.filter((request) => request.tokenRequest),
    failNextTokenRequests: (count, fault) => {
      for (let i = 0; i < count; i += 1) faults.push(fault);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Replaces the target's origin (as localhost and as 127.0.0.1) with the proxy's in text responses. */
function rewriteOrigins(body: Buffer, contentType: string | undefined, target: URL, proxyOrigin: string): Buffer {
  if (!contentType || !/json|text/.test(contentType)) return body;
  const port = target.port ? `:${target.port}` : '';
  const origins = [target.origin, `${target.protocol}//localhost${port}`, `${target.protocol}//127.0.0.1${port}`];
  let text = body.toString('utf8');
  for (const origin of new Set(origins)) text = text.split(origin).join(proxyOrigin);
  return Buffer.from(text, 'utf8');
}
