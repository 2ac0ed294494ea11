/** The peers: bare Fastify and Express (the framework ceilings), and the two Express guards on the same route. */
import type { BenchRun } from '../run/bench-run';
import type { BenchStack } from './bench-stack';
import { checkGuard } from './guard-check';

/** Before the stack starts: nothing else of ours is running. */
export async function measureBarePeers(run: BenchRun): Promise<void> {
  await run.withPeer('fastify-hello', process.env, (peer) =>
    run.measure('fastify-hello', 'bare Fastify hello', { url: `${peer.url}/hello` }),
  );
  await run.withPeer('express-hello', process.env, (peer) =>
    run.measure('express-hello', 'bare Express hello', { url: `${peer.url}/hello` }, 'fastify-hello'),
  );
}

export async function measureGuardedPeers(run: BenchRun, bench: BenchStack): Promise<void> {
  const headers = { authorization: `Bearer ${bench.token}` };
  await run.withPeer('express-auth0', bench.peerEnv, async (peer) => {
    await checkGuard('express-oauth2-jwt-bearer', `${peer.url}/resource`, bench);
    await run.measure(
      'auth0-express',
      '`express-oauth2-jwt-bearer` (auth0) on Express',
      { url: `${peer.url}/resource`, headers },
      'express-hello',
    );
  });
  await run.withPeer('express-passport', bench.peerEnv, async (peer) => {
    await checkGuard('passport-jwt + jwks-rsa', `${peer.url}/resource`, bench);
    await run.measure(
      'passport-express',
      'passport-jwt + jwks-rsa on Express (naive setup)',
      { url: `${peer.url}/resource`, headers },
      'express-hello',
    );
  });
}
