/** Bare Fastify: one JSON route, no logging; the ceiling of a Node HTTP framework on this machine. */
import Fastify from 'fastify';
import { peerPort } from './peer-config';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
app.get('/health', async () => ({ status: 'ok' }));
app.listen({ port: peerPort(), host: '127.0.0.1' }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
