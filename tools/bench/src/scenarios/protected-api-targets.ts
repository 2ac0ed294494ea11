/**
 * protected-api: its unguarded route, `GET /resource` with the verified-token cache off (a second process of the same
 * build with AUTH_TOKEN_CACHE_MAX_ENTRIES=0) and as shipped (the stack's process, cache at its default size).
 */
import { freePort } from '@stack/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the bench starts apps exactly as npm start does
import { entryPoint, services } from '../../../stack/services';
import { startChild } from '../processes/child-service';
import type { BenchRun } from '../run/bench-run';
import type { BenchStack } from './bench-stack';
import { checkGuard } from './guard-check';

export async function measureProtectedApi(run: BenchRun, bench: BenchStack): Promise<void> {
  const shipped = bench.url('protected-api');
  const headers = { authorization: `Bearer ${bench.token}` };
  await run.measure(
    'unguarded',
    'protected-api unguarded (`/health/live`)',
    { url: `${shipped}/health/live` },
    'fastify-hello',
  );

  const spec = services.find((s) => s.name === 'protected-api');
  if (!spec) throw new Error('tools/stack/services.ts lists no protected-api.');
  const port = await freePort();
  const noCache = await startChild({
    name: 'protected-api (cache off)',
    script: entryPoint(spec),
    env: {
      ...bench.env,
      PROTECTED_API_PORT: String(port),
      AUTH_TOKEN_CACHE_MAX_ENTRIES: '0',
      NODE_EXTRA_CA_CERTS: bench.caPath,
    },
    url: `http://localhost:${port}`,
    healthPath: spec.healthPath,
  });
  try {
    await checkGuard('protected-api (cache off)', `${noCache.url}/resource`, bench);
    await run.measure(
      'guarded',
      'protected-api guarded `GET /resource`, cache off',
      { url: `${noCache.url}/resource`, headers },
      'unguarded',
    );
  } finally {
    await noCache.stop();
  }

  await checkGuard('protected-api', `${shipped}/resource`, bench);
  await run.measure(
    'guarded-cache',
    'protected-api guarded + verified-token cache (as shipped)',
    { url: `${shipped}/resource`, headers },
    'unguarded',
  );
}
