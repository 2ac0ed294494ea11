import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { errors } from 'undici';
import { BackendClient } from './backend-client';
import { BackendFailure } from './backend-failure';
import { classifyBackendError } from './classify-backend-error';
import {
  contextFor,
  freePort,
  readAll,
  send,
  startGateway,
  startServer,
  type LoopbackServer,
} from '../testing/loopback-test-kit';

/** The forward's rejection, or a failed expectation when it succeeds. */
async function failureOf(promise: Promise<void>): Promise<BackendFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(BackendFailure);
  return error as BackendFailure;
}

describe('BackendClient failures', () => {
  const servers: LoopbackServer[] = [];
  const clients: BackendClient[] = [];
  const newClient = (...args: ConstructorParameters<typeof BackendClient>) => {
    const client = new BackendClient(...args);
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  it('fails fast with 502 when nothing listens, without waiting for its (long) timeouts', async () => {
    // Timeouts far beyond Jest's 5 s test timeout: this only passes if the refusal itself ends the call.
    const client = newClient({ connectTimeoutMs: 60_000, responseHeadersTimeoutMs: 60_000 });
    const port = await freePort();

    const failure = await failureOf(client.forward(contextFor(`http://127.0.0.1:${port}`, '/resource')));

    expect(failure.status).toBe(502);
    expect(failure.reason).toBe('BackendConnectionFailure');
    expect(failure.source).toBe('forward-request');
    expect(failure.message).toBe(
      `Bad gateway: the backend http://127.0.0.1:${port} refused the connection. Is it running?`,
    );
  });

  it('answers uploads it could not forward with the 502 and keeps the client connection usable', async () => {
    const client = newClient();
    const gateway = await startGateway(client, `http://127.0.0.1:${await freePort()}`);
    servers.push(gateway);
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

    try {
      for (let i = 0; i < 3; i++) {
        const answer = await send(`${gateway.url}/upload`, {
          method: 'POST',
          body: randomBytes(5 * 1024 * 1024),
          agent: keepAlive,
        });
        expect(answer.status).toBe(502);
        expect(JSON.parse(answer.body.toString()).message).toMatch(/refused the connection\. Is it running\?$/);
      }
    } finally {
      keepAlive.destroy();
    }
    // The unsent rest of each upload was read and dropped, so the client could finish it and reuse its connection.
    expect(gateway.connections).toBe(1);
  });

  it('keeps the path, query and credentials of the backend URL out of the message', async () => {
    const client = newClient();
    const port = await freePort();
    const context = contextFor(`http://127.0.0.1:${port}/tenant-secret`, '/resource?code=s3cr3t');

    const failure = await failureOf(client.forward(context));

    expect(failure.message).not.toMatch(/tenant-secret|s3cr3t/);
  });

  it('fails with 504 when the backend does not send headers within the configured timeout', async () => {
    const client = newClient({ responseHeadersTimeoutMs: 200 });
    const backend = await startServer(() => undefined); // never answers
    servers.push(backend);

    const failure = await failureOf(client.forward(contextFor(backend.url, '/slow')));

    expect(failure.status).toBe(504);
    expect(failure.reason).toBe('BackendTimeout');
    expect(failure.message).toBe(`Gateway timeout: the backend ${backend.url} did not answer within 200 ms.`);
  });

  it('fails with 502 when the backend closes the connection before answering', async () => {
    const client = newClient();
    const backend = await startServer((req) => req.socket.destroy());
    servers.push(backend);

    const failure = await failureOf(client.forward(contextFor(backend.url, '/drop')));

    expect(failure.status).toBe(502);
    expect(failure.message).toMatch(
      new RegExp(`^Bad gateway: the backend ${backend.url} closed the connection before sending a response`),
    );
  });

  it('recovers when a stopped backend comes back on the same port', async () => {
    const client = newClient();
    const first = await startServer((_req, res) => res.end('first life'));
    const context = () => contextFor(first.url, '/ping');
    const up = context();
    await client.forward(up);
    expect((await readAll(up.response?.body)).toString()).toBe('first life');

    await first.close();
    const down = await failureOf(client.forward(context()));
    expect(down.status).toBe(502);

    const second = await startServer((_req, res) => res.end('second life'), first.port);
    servers.push(second);
    const again = context();
    await client.forward(again);
    expect(again.response?.statusCode).toBe(200);
    expect((await readAll(again.response?.body)).toString()).toBe('second life');
  });
});

describe('classifyBackendError', () => {
  const target = new URL('http://backend.internal:3000/private/path?key=secret');
  const timeouts = { connectTimeoutMs: 5000, responseHeadersTimeoutMs: 30000, bodyTimeoutMs: 30000 };
  const withCode = (code: string) => Object.assign(new Error(`boom ${code}`), { code });

  it('makes a connect timeout a 504 naming the connect timeout', () => {
    const failure = classifyBackendError(new errors.ConnectTimeoutError(), target, timeouts);
    expect([failure.status, failure.reason]).toEqual([504, 'BackendTimeout']);
    expect(failure.message).toBe(
      'Gateway timeout: could not connect to the backend http://backend.internal:3000 within 5000 ms.',
    );
  });

  it('makes a DNS failure a 502 that says where the host name comes from', () => {
    const failure = classifyBackendError(withCode('ENOTFOUND'), target, timeouts);
    expect(failure.status).toBe(502);
    expect(failure.message).toMatch(
      /^Bad gateway: the backend host backend\.internal could not be resolved \(ENOTFOUND\)/,
    );
  });

  it('reads the code of the first error of an AggregateError (IPv6 then IPv4 attempts)', () => {
    const failure = classifyBackendError(new AggregateError([withCode('ECONNREFUSED')]), target, timeouts);
    expect(failure.message).toMatch(/refused the connection/);
  });

  it('makes a connection reset a 502 and keeps the error for logs only', () => {
    const cause = withCode('ECONNRESET');
    const failure = classifyBackendError(cause, target, timeouts);
    expect(failure.status).toBe(502);
    expect(failure.detail).toBe(cause);
    expect(failure.message).not.toMatch(/secret|private/);
  });
});
