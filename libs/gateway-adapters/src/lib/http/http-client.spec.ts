import { HeaderBag, PolicyHttpError } from '@stack/apim-policy';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UndiciPolicyHttpClient } from './http-client';

interface LoopbackServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

async function startServer(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function freePort(): Promise<number> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.port;
}

describe('UndiciPolicyHttpClient', () => {
  const client = new UndiciPolicyHttpClient({ maxResponseBytes: 1024 });
  let server: LoopbackServer;

  beforeAll(async () => {
    server = await startServer((request, response) => {
      if (request.url === '/slow') return; // never answers
      if (request.url === '/big') {
        response.end('x'.repeat(4096));
        return;
      }
      if (request.url === '/moved') {
        response.writeHead(302, { location: '/echo' });
        response.end();
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/plain', 'x-method': request.method ?? '' });
        response.end(`${request.headers['x-test'] ?? ''}|${Buffer.concat(chunks).toString()}`);
      });
    });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  const call = (path: string, extra: Partial<Parameters<UndiciPolicyHttpClient['send']>[0]> = {}) =>
    client.send({
      method: 'POST',
      url: `${server.url}${path}`,
      headers: HeaderBag.from({ 'X-Test': 'hi' }),
      body: 'payload',
      timeoutMs: 2000,
      ...extra,
    });

  it('sends method, headers and body and reads the whole answer', async () => {
    const answer = await call('/echo');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers.joined('x-method')).toBe('POST');
    expect(answer.body.toString()).toBe('hi|payload');
  });

  it('follows redirects only when asked', async () => {
    expect((await call('/moved', { method: 'GET', body: undefined })).statusCode).toBe(302);
    const followed = await call('/moved', { method: 'GET', body: undefined, followRedirects: true });
    expect(followed.statusCode).toBe(200);
  });

  it('rejects with Timeout when no answer comes in time', async () => {
    const error = await call('/slow', { timeoutMs: 100 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyHttpError);
    expect((error as PolicyHttpError).kind).toBe('Timeout');
  });

  it('rejects with BackendConnectionFailure when nothing listens', async () => {
    const port = await freePort();
    const error = await client
      .send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: new HeaderBag(), timeoutMs: 2000 })
      .catch((caught: unknown) => caught);
    expect((error as PolicyHttpError).kind).toBe('BackendConnectionFailure');
  });

  it('refuses an answer over its body bound', async () => {
    const error = await call('/big').catch((caught: unknown) => caught);
    expect((error as PolicyHttpError).message).toMatch(/over 1024 bytes/);
  });
});
