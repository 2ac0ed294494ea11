import { request as httpRequest } from 'node:http';
import { BackendClient } from './backend-client';
import { ClientDisconnected } from './client-disconnected';
import { startGateway, startServer, type LoopbackServer } from '../testing/loopback-test-kit';

describe('a client that goes away', () => {
  const client = new BackendClient();
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  afterAll(() => client.close());

  it('aborts the backend request it was waiting for', async () => {
    let backendReceived: () => void = () => undefined;
    const received = new Promise<void>((resolve) => (backendReceived = resolve));
    let backendRequestClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (backendRequestClosed = resolve));
    const backend = await startServer((_req, res) => {
      res.on('close', backendRequestClosed); // never answers
      backendReceived();
    });
    servers.push(backend);
    const gateway = await startGateway(client, backend.url);

    const req = httpRequest(`${gateway.url}/slow`, { agent: false });
    req.on('error', () => undefined);
    req.end();
    await received;
    req.destroy();

    await closed; // the gateway's backend connection went away with the client
    await gateway.outcomes[0].written;
    expect(gateway.outcomes[0].error).toBeInstanceOf(ClientDisconnected);
    await gateway.close();
  });

  it('mid-response frees the backend connection and the write still ends', async () => {
    let backendResponseClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (backendResponseClosed = resolve));
    const backend = await startServer((_req, res) => {
      // An endless stream: only the gateway giving up on it ends this response.
      const timer = setInterval(() => res.write('tick\n'), 5);
      res.on('close', () => {
        clearInterval(timer);
        backendResponseClosed();
      });
    });
    servers.push(backend);
    const gateway = await startGateway(client, backend.url);

    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${gateway.url}/ticks`, { agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('response', (res) => res.on('error', () => undefined));
      req.on('timeout', reject);
      req.end();
    });

    await closed;
    await gateway.outcomes[0].written;
    expect(gateway.outcomes[0].error).toBeUndefined();
    await gateway.close();
  });
});
