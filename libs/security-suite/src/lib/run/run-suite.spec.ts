/**
 * The suite catches what it is for: loopback fakes of a vulnerable service (one that accepts every token, one that
 * crashes, one that fetches the key URL a token names) make it report accepted cases, 5xx and canary hits, and a
 * correct fake passes. The real services are attacked in security-suite.e2e.spec.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isClean, runSuite, type SuiteOptions } from './run-suite';

const identity: SuiteOptions['identity'] = {
  tenantId: '3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60',
  audience: '4a41d081-77b5-4936-b87c-52b76b36dbc2',
  clientId: 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41',
  issuer: 'https://login.microsoftonline.com/3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60/v2.0',
  role: 'Echo.Read',
};

type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

async function withServer<T>(handler: Handler, use: (url: string) => Promise<T>): Promise<T> {
  const server: Server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const run = (target: string) => runSuite({ target, kind: 'bearer', path: '/resource', identity, timeoutMs: 5_000 });

describe('runSuite against fake targets', () => {
  it('reports every token case as accepted when the target answers 200 to anything', async () => {
    const report = await withServer((_, response) => response.end('ok'), run);
    expect(report.summary.accepted).toBeGreaterThan(100);
    expect(report.results.find((r) => r.id === 'alg-none-1')?.verdict).toBe('accepted');
    expect(isClean(report)).toBe(false);
  }, 60_000);

  it('reports 5xx answers as server errors', async () => {
    const report = await withServer((_, response) => response.writeHead(500).end(), run);
    expect(report.summary.serverErrors).toBeGreaterThan(100);
    expect(isClean(report)).toBe(false);
  }, 60_000);

  it('counts the requests a target makes to the URLs in jku/x5u, and fails those cases', async () => {
    const follower: Handler = async (request, response) => {
      const token = String(request.headers.authorization ?? '').split(' ')[1] ?? '';
      try {
        const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
        const url = header['jku'] ?? header['x5u'];
        if (typeof url === 'string') await fetch(url).then((r) => r.arrayBuffer());
      } catch {
        // not a token this fake understands
      }
      response.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
    };
    const report = await withServer(follower, run);
    expect(report.summary.canaryHits).toBeGreaterThanOrEqual(4);
    expect(report.results.find((r) => r.id === 'jku-canary')).toMatchObject({ verdict: 'fail' });
    expect(report.results.find((r) => r.id === 'jku-canary')?.got).toMatch(/canary called: GET \/jku\.json/);
    expect(isClean(report)).toBe(false);
  }, 60_000);

  it('skips the claims family without a trusted key, and says why', async () => {
    const report = await withServer(
      (_, response) => response.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end(),
      run,
    );
    const claims = report.results.filter((r) => r.family === 'claims');
    expect(claims.length).toBeGreaterThan(30);
    expect(claims.every((r) => r.verdict === 'skipped')).toBe(true);
    expect(report.notes.join('\n')).toMatch(/claims family skipped: it needs the signing key the target trusts/);
    // The same fake gets the header cases wrong (it never answers 400 or a bare challenge).
    expect(report.results.find((r) => r.id === 'header-none')).toMatchObject({
      verdict: 'fail',
      got: '401 Bearer error="invalid_token"',
    });
  }, 60_000);
});
