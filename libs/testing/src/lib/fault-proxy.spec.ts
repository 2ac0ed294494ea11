import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

describe('startFaultProxy (plain HTTP target)', () => {
  let target: Server;
  let targetOrigin: string;
  let proxy: FaultProxy;

  beforeAll(async () => {
    target = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ path: req.url, body, host: req.headers.host, token_endpoint: `${targetOrigin}/t/token` }),
        );
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetOrigin = `http://localhost:${(target.address() as AddressInfo).port}`;
    proxy = await startFaultProxy({ target: targetOrigin });
  });

  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => target.close(resolve));
  });

  it("forwards requests and rewrites the target's origin to its own in the response", async () => {
    const response = await fetch(`${proxy.url}/t/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(body['path']).toBe('/t/v2.0/.well-known/openid-configuration');
    expect(body['token_endpoint']).toBe(`${proxy.url}/t/token`);
  });

  it('answers the next token requests with the configured faults, then forwards again, recording each', async () => {
    const before = proxy.tokenRequests().length;
    proxy.failNextTokenRequests(1, { status: 429, retryAfter: 2 });
    proxy.failNextTokenRequests(1, { status: 503 });
    proxy.failNextTokenRequests(1, { drop: true });
    const post = () => fetch(`${proxy.url}/t/token`, { method: 'POST', body: 'grant_type=client_credentials' });

    const throttled = await post();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect((await post()).status).toBe(503);
    await expect(post()).rejects.toThrow();
    const forwarded = await post();
    expect(forwarded.status).toBe(200);
    expect(((await forwarded.json()) as Record<string, string>)['body']).toBe('grant_type=client_credentials');

    const seen = proxy.tokenRequests().slice(before);
    expect(seen.map((request) => request.status)).toEqual([429, 503, undefined, 200]);
    expect(seen[2].fault).toEqual({ drop: true });
    expect(seen.every((request, i) => i === 0 || request.at >= seen[i - 1].at)).toBe(true);
  });

  it('does not apply faults to requests other than token requests', async () => {
    proxy.failNextTokenRequests(1, { status: 500 });
    expect((await fetch(`${proxy.url}/t/discovery/keys`)).status).toBe(200);
    expect((await fetch(`${proxy.url}/t/token`, { method: 'POST' })).status).toBe(500);
  });
});
