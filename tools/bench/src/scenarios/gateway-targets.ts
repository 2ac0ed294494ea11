/**
 * The gateway: Echo API direct and through validate-jwt (with the worker subscription's key), protected-api through
 * the gateway, and the latency the gateway adds at concurrency 1.
 */
import { measureSequentialLatency } from '../load/sequential-latency';
import type { BenchRun } from '../run/bench-run';
import type { BenchStack } from './bench-stack';
import { checkGuard } from './guard-check';

export async function measureGateway(run: BenchRun, bench: BenchStack): Promise<void> {
  const subscription = { 'ocp-apim-subscription-key': bench.env['WORKER_SUBSCRIPTION_KEY'] as string };
  const headers = { authorization: `Bearer ${bench.token}`, ...subscription };
  const echoDirect = { url: `${bench.url('echo-api')}/api/resource` };
  const echoGateway = { url: `${bench.url('gateway')}/echo/resource`, headers };

  // validate-jwt on the Echo API checks audience and client, no role: only "no token" must be refused.
  await checkGuard('gateway (echo-api, validate-jwt)', echoGateway.url, { token: bench.token }, subscription);
  await run.measure('echo-direct', 'Echo API direct', echoDirect);
  await run.measure('echo-gateway', 'Echo API through the gateway (validate-jwt)', echoGateway, 'echo-direct');
  await run.measure(
    'protected-gateway',
    'protected-api through the gateway',
    { url: `${bench.url('gateway')}/protected/resource`, headers },
    'guarded-cache',
  );

  const direct = await measureSequentialLatency(echoDirect, run.load);
  run.record('echo-direct-c1', 'Echo API direct, c=1', direct, undefined, 1);
  const through = await measureSequentialLatency(echoGateway, run.load);
  run.record('echo-gateway-c1', 'Echo API through the gateway, c=1', through, 'echo-direct-c1', 1);
}
