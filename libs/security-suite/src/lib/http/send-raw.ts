/**
 * Sends a request over a plain socket, for header bytes HTTP clients refuse to send (CR, LF, NUL). The answer is
 * read until the server closes the connection (`Connection: close`) or the timeout.
 */
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { MAX_BODY_CHARS, type TargetResponse, type WireRequest } from './target-response';

export function sendRaw(wire: WireRequest, timeoutMs: number): Promise<TargetResponse> {
  const { url } = wire;
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const lines = [
    `GET ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    ...wire.headers.map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
  ];
  const bytes = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return new Promise((resolve, reject) => {
    const socket: Socket =
      url.protocol === 'https:'
        ? connectTls({ host, port, ...(isIP(host) ? {} : { servername: host }) })
        : connectTcp({ host, port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', (error) => {
      clearTimeout(timer);
      // A server may reset after answering; keep the answer if there is one.
      if (chunks.length > 0) resolve(parseResponse(Buffer.concat(chunks)));
      else reject(error);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      if (chunks.length === 0) reject(new Error('the server closed the connection without an answer'));
      else resolve(parseResponse(Buffer.concat(chunks)));
    });
  });
}

/** Status line, headers and body of one HTTP/1.1 response (chunked bodies decoded). */
export function parseResponse(raw: Buffer): TargetResponse {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  let body = end === -1 ? '' : text.slice(end + 4);
  const [statusLine, ...headerLines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string | string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  if (String(headers['transfer-encoding']).toLowerCase() === 'chunked') body = dechunk(body);
  return { status, headers, body: Buffer.from(body, 'latin1').toString('utf8').slice(0, MAX_BODY_CHARS) };
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd === -1) return out;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}
