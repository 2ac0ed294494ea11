import { request as httpRequest, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { HeaderBag, type ResponseState } from '@stack/apim-policy';
import { BackendClient } from './backend-client';
import { send, startGateway, startServer, type LoopbackServer, type Received } from '../testing/loopback-test-kit';
import { writeResponse } from './response-writer';

describe('writeResponse', () => {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /** Serves `response` with writeResponse and returns what a client received. */
  async function serve(response: () => ResponseState, method = 'GET'): Promise<Received> {
    const server = await startServer((_req, res: ServerResponse) => void writeResponse(response(), method, res));
    servers.push(server);
    return send(`${server.url}/`, { method });
  }

  it('writes status, reason, end-to-end headers and a string body with its own Content-Length', async () => {
    const answer = await serve(() => ({
      statusCode: 403,
      reason: 'Forbidden by policy',
      headers: HeaderBag.from({ 'content-length': '999', 'content-type': 'application/json', 'x-trace': ['a', 'b'] }),
      body: '{"denied":true}',
    }));

    expect(answer.statusMessage).toBe('Forbidden by policy');
    expect(answer.status).toBe(403);
    expect(answer.headers['content-length']).toBe('15');
    expect(answer.headers['x-trace']).toBe('a, b');
    expect(answer.body.toString()).toBe('{"denied":true}');
  });

  it('removes hop-by-hop headers, including those Connection names', async () => {
    const answer = await serve(() => ({
      statusCode: 200,
      headers: HeaderBag.from({
        connection: 'X-Hop',
        'x-hop': 'secret',
        'proxy-authenticate': 'Basic',
        upgrade: 'h2c',
        trailer: 'X-Sum',
        'transfer-encoding': 'gzip, chunked',
        'x-kept': 'yes',
      }),
      body: Readable.from([Buffer.from('streamed')]),
    }));

    expect(answer.body.toString()).toBe('streamed');
    expect(answer.headers['x-kept']).toBe('yes');
    for (const name of ['x-hop', 'proxy-authenticate', 'upgrade', 'trailer'])
      expect(answer.headers).not.toHaveProperty(name);
    expect(answer.headers['transfer-encoding']).toBe('chunked'); // the gateway's own framing, not the backend's
  });

  it('sends no body for HEAD, 204 and 304', async () => {
    const head = await serve(
      () => ({ statusCode: 200, headers: HeaderBag.from({ 'content-type': 'text/plain' }), body: 'eleven char' }),
      'HEAD',
    );
    expect(head.headers['content-length']).toBe('11');
    expect(head.body.length).toBe(0);

    for (const statusCode of [204, 304]) {
      const answer = await serve(() => ({ statusCode, headers: new HeaderBag(), body: Readable.from(['ignored']) }));
      expect(answer.status).toBe(statusCode);
      expect(answer.body.length).toBe(0);
    }
  });

  it('ends without throwing when the backend dies mid-body, and the client sees a cut-off response', async () => {
    const backend = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(100), () => res.socket?.destroy());
    });
    servers.push(backend);
    const client = new BackendClient();
    const gateway = await startGateway(client, backend.url);
    servers.push(gateway);

    const complete = await new Promise<boolean>((resolve) => {
      httpRequest(`${gateway.url}/partial`, { agent: false }, (res) => {
        res.on('error', () => undefined);
        res.resume();
        res.on('close', () => resolve(res.complete));
      })
        .on('error', () => resolve(false))
        .end();
    });

    await gateway.outcomes[0].written; // settles: writeResponse resolved, nothing thrown
    expect(gateway.outcomes[0].error).toBeUndefined();
    expect(complete).toBe(false);
    await client.close();
  });
});
