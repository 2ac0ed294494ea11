import { createServer } from 'node:net';
import { freePort } from './free-port';

it('returns a port that can be listened on', async () => {
  const port = await freePort();
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  await new Promise((resolve) => server.close(resolve));
  expect(port).toBeGreaterThan(0);
});
