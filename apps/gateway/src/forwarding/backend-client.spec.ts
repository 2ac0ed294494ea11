import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { BackendClient } from './backend-client';
import {
  contextFor,
  readAll,
  readRequest,
  send,
  startGateway,
  startServer,
  type LoopbackServer,
  type TestGateway,
} from '../testing/loopback-test-kit';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('BackendClient.forward', () => {
  const client = new BackendClient();
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  afterAll(() => client.close());

  async function gatewayTo(backend: LoopbackServer): Promise<TestGateway> {
    const gateway = await startGateway(client, backend.url);
    servers.push(gateway);
    return gateway;
  }

  it('streams a 5 MB upload to the backend intact', async () => {
    const backend = await startServer(async (req, res) => {
      const body = await readRequest(req);
      res.end(JSON.stringify({ length: body.length, sha: sha256(body), contentLength: req.headers['content-length'] }));
    });
    servers.push(backend);
    const gateway = await gatewayTo(backend);
    const upload = randomBytes(5 * 1024 * 1024);

    const answer = await send(`${gateway.url}/upload`, { method: 'POST', body: upload });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({
      length: upload.length,
      sha: sha256(upload),
      contentLength: String(upload.length),
    });
  });

  it('passes the first chunk of an upload on before the client has sent the rest', async () => {
    // The client sends its second chunk only after the backend got the first: a buffering gateway would hang here.
    let firstChunkArrived: () => void = () => undefined;
    const backendSawFirstChunk = new Promise<void>((resolve) => (firstChunkArrived = resolve));
    const backend = await startServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        firstChunkArrived();
      });
      req.on('end', () => res.end(Buffer.concat(chunks)));
    });
    servers.push(backend);
    const gateway = await gatewayTo(backend);

    const answer = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${gateway.url}/stream`, { method: 'PUT', agent: false }, (res) => {
        readAll(res).then((body) => resolve(body.toString()), reject);
      });
      req.on('error', reject);
      req.write('first,');
      void backendSawFirstChunk.then(() => req.end('second'));
    });

    expect(answer).toBe('first,second');
  });

  it('streams a chunked response to the client as the backend produces it', async () => {
    // The backend sends its second part only after the client received the first.
    let clientGotFirstPart: () => void = () => undefined;
    const firstPartReceived = new Promise<void>((resolve) => (clientGotFirstPart = resolve));
    const backend = await startServer((_req, res) => {
      res.write('part one;');
      void firstPartReceived.then(() => res.end('part two'));
    });
    servers.push(backend);
    const gateway = await gatewayTo(backend);

    const { body, transferEncoding } = await new Promise<{ body: string; transferEncoding?: string }>(
      (resolve, reject) => {
        httpRequest(`${gateway.url}/chunks`, { agent: false }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            clientGotFirstPart();
          });
          res.on('end', () => resolve({ body: text, transferEncoding: res.headers['transfer-encoding'] }));
        })
          .on('error', reject)
          .end();
      },
    );

    expect(body).toBe('part one;part two');
    expect(transferEncoding).toBe('chunked');
  });

  it('drops hop-by-hop request headers, keeps end-to-end ones and Authorization, and adds X-Forwarded-*', async () => {
    let seen: Record<string, unknown> = {};
    const backend = await startServer((req, res) => {
      seen = req.headers;
      res.end();
    });
    servers.push(backend);
    const context = contextFor(backend.url, '/headers', {
      ipAddress: '192.0.2.10',
      originalUrl: 'https://gateway.example:8443/echo/headers',
      headers: {
        host: 'gateway.example:8443',
        connection: 'keep-alive, X-Connection-Only',
        'x-connection-only': 'for the gateway',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        trailer: 'X-Checksum',
        upgrade: 'websocket',
        'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
        'proxy-connection': 'keep-alive',
        authorization: 'Bearer eyJ.token.sig',
        'x-forwarded-for': '203.0.113.7',
        'x-custom': 'kept',
        accept: 'application/json',
      },
    });

    await client.forward(context);
    await readAll(context.response?.body);

    expect(seen).toMatchObject({
      host: `127.0.0.1:${backend.port}`,
      authorization: 'Bearer eyJ.token.sig',
      'x-custom': 'kept',
      accept: 'application/json',
      'x-forwarded-for': '203.0.113.7, 192.0.2.10',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'gateway.example:8443',
    });
    for (const name of [
      'x-connection-only',
      'keep-alive',
      'te',
      'trailer',
      'upgrade',
      'proxy-authorization',
      'proxy-connection',
    ])
      expect(seen).not.toHaveProperty(name);
    expect(String(seen['connection'] ?? '')).not.toMatch(/x-connection-only/i);
  });

  it('sets X-Forwarded-For from the client address when the client sent none', async () => {
    let seen: Record<string, unknown> = {};
    const backend = await startServer((req, res) => {
      seen = req.headers;
      res.end();
    });
    servers.push(backend);
    const gateway = await gatewayTo(backend);

    await send(`${gateway.url}/who`);

    expect(seen).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': `127.0.0.1:${gateway.port}`,
    });
  });

  it('drops hop-by-hop response headers and gives back status, end-to-end headers and the body', async () => {
    const backend = await startServer((_req, res) => {
      res.writeHead(201, {
        connection: 'keep-alive, X-Backend-Only',
        'x-backend-only': 'for the gateway',
        'keep-alive': 'timeout=5',
        'proxy-authenticate': 'Basic realm="backend"',
        upgrade: 'h2c',
        'x-request-id': 'abc',
        'set-cookie': ['a=1', 'b=2'],
      });
      res.end('created');
    });
    servers.push(backend);
    const context = contextFor(backend.url, '/things', { method: 'POST', body: '{}' });

    await client.forward(context);

    const response = context.response;
    if (!response) throw new Error('forward set no response');
    expect(response.statusCode).toBe(201);
    expect(response.headers.get('x-request-id')).toEqual(['abc']);
    expect(response.headers.get('set-cookie')).toEqual(['a=1', 'b=2']);
    for (const name of [
      'connection',
      'x-backend-only',
      'keep-alive',
      'proxy-authenticate',
      'upgrade',
      'transfer-encoding',
    ])
      expect(response.headers.has(name)).toBe(false);
    expect((await readAll(response.body)).toString()).toBe('created');
  });

  it('sends a body a policy replaced with its own length, not the client’s', async () => {
    const backend = await startServer(async (req, res) => {
      res.end(JSON.stringify({ body: (await readRequest(req)).toString(), length: req.headers['content-length'] }));
    });
    servers.push(backend);
    const context = contextFor(backend.url, '/replaced', {
      method: 'POST',
      headers: { 'content-length': '999', 'content-type': 'text/plain' },
      body: 'replaced body',
    });

    await client.forward(context);

    expect(JSON.parse((await readAll(context.response?.body)).toString())).toEqual({
      body: 'replaced body',
      length: '13',
    });
  });

  it('reuses one keep-alive connection for 10 sequential forwards', async () => {
    const backend = await startServer((req, res) => res.end(`hello ${req.url}`));
    servers.push(backend);

    for (let i = 0; i < 10; i++) {
      const context = contextFor(backend.url, `/n${i}`);
      await client.forward(context);
      expect((await readAll(context.response?.body)).toString()).toBe(`hello /n${i}`);
      // undici marks a connection free on the tick after the body ended; real requests are further apart.
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(backend.connections).toBe(1);
  });

  it('answers HEAD with the backend’s headers and no body', async () => {
    const backend = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '11' });
      res.end(req.method === 'HEAD' ? undefined : 'hello world');
    });
    servers.push(backend);
    const gateway = await gatewayTo(backend);

    const answer = await send(`${gateway.url}/page`, { method: 'HEAD' });

    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe('11');
    expect(answer.body.length).toBe(0);
  });
});
