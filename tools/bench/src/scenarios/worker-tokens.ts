/**
 * "1 token request per lifetime per client and scope, whatever the number of calls or replicas", counted where it
 * matters: at the identity service (/admin/metrics), for the default client and scope.
 *  - 4 built worker processes sharing a private Redis, started together, make the calls between them;
 *  - then, with Redis emptied, 4 replicas fire their share of the cold calls at the same instant.
 */
import { startRedisServer, type RedisServer } from '@stack/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the bench starts apps exactly as npm start does
import { entryPoint, services } from '../../../stack/services';
import { WORKER_PROCESSES } from '../options';
import { benchScript, exited, startChild, type ChildService } from '../processes/child-service';
import type { TokenRequestFigure } from '../report/results';
import type { BenchStack } from './bench-stack';

/** Time the cold-call replicas get to start (compile, connect to Redis) before they all fire. */
const COLD_START_DELAY_MS = 8000;

export async function measureWorkerTokenRequests(
  bench: BenchStack,
  apiBaseUrl: string,
  counts: { workerCalls: number; coldCalls: number },
): Promise<TokenRequestFigure[]> {
  const redis = await startRedisServer();
  try {
    const calls = await workerCalls(bench, redis, apiBaseUrl, counts.workerCalls);
    await redis.restart(); // empty: the next replicas start cold
    const cold = await coldCalls(bench, redis, `${apiBaseUrl}/resource`, counts.coldCalls);
    return [calls, cold];
  } finally {
    await redis.stop();
  }
}

async function workerCalls(
  bench: BenchStack,
  redis: RedisServer,
  apiBaseUrl: string,
  total: number,
): Promise<TokenRequestFigure> {
  const worker = services.find((s) => s.name === 'worker');
  if (!worker) throw new Error('tools/stack/services.ts lists no worker.');
  const perProcess = Math.ceil(total / WORKER_PROCESSES);
  const before = await bench.tokenRequests();
  let failedCalls = 0;
  const started: ChildService[] = await Promise.all(
    Array.from({ length: WORKER_PROCESSES }, (_, index) =>
      startChild({
        name: `worker ${index + 1}`,
        script: entryPoint(worker),
        env: {
          ...bench.env,
          NODE_EXTRA_CA_CERTS: bench.caPath,
          REDIS_URL: redis.url,
          WORKER_API_BASE_URL: apiBaseUrl,
          WORKER_API_PATH: '/resource',
          WORKER_MAX_CALLS: String(perProcess),
          WORKER_INTERVAL_MS: '0',
          WORKER_HEALTH_PORT: '0',
          // Only failed calls are logged (warn/error), so they can be counted.
          LOG_LEVEL: 'warn',
        },
        onOutput: (chunk) => (failedCalls += chunk.match(/"msg":"api call/g)?.length ?? 0),
      }),
    ),
  );
  try {
    await Promise.all(started.map((service) => exited(service)));
  } finally {
    await Promise.all(started.map((service) => service.stop())); // the others, when one failed
  }
  return {
    label: `${(perProcess * WORKER_PROCESSES).toLocaleString('en-US')} calls by ${WORKER_PROCESSES} worker processes sharing Redis`,
    calls: perProcess * WORKER_PROCESSES,
    failedCalls,
    processes: WORKER_PROCESSES,
    tokenRequests: (await bench.tokenRequests()) - before,
  };
}

async function coldCalls(
  bench: BenchStack,
  redis: RedisServer,
  apiUrl: string,
  total: number,
): Promise<TokenRequestFigure> {
  const perProcess = Math.ceil(total / WORKER_PROCESSES);
  const before = await bench.tokenRequests();
  const startAt = Date.now() + COLD_START_DELAY_MS;
  const outputs = Array.from({ length: WORKER_PROCESSES }, () => '');
  const replicas = await Promise.all(
    outputs.map((_, index) =>
      startChild({
        name: `cold-call replica ${index + 1}`,
        script: benchScript('clients', 'cold-calls'),
        env: {
          ...bench.env,
          NODE_EXTRA_CA_CERTS: bench.caPath,
          REDIS_URL: redis.url,
          BENCH_API_URL: apiUrl,
          BENCH_COLD_CALLS: String(perProcess),
          BENCH_START_AT: String(startAt),
        },
        onOutput: (chunk) => (outputs[index] += chunk),
      }),
    ),
  );
  try {
    await Promise.all(replicas.map((service) => exited(service)));
  } finally {
    await Promise.all(replicas.map((service) => service.stop())); // the others, when one failed
  }
  const summaries = outputs.map((output, index) => {
    const last = output.trim().split('\n').pop() ?? '';
    try {
      return JSON.parse(last) as { ok: number; failed: number; lateMs: number };
    } catch {
      throw new Error(`cold-call replica ${index + 1} printed no summary:\n${output.slice(-2000)}`);
    }
  });
  // Timer slack is normal; a replica still compiling when the others fire is not.
  const late = summaries.flatMap((s, index) => (s.lateMs > 50 ? [`${index + 1} by ${s.lateMs} ms`] : []));
  return {
    label: `${(perProcess * WORKER_PROCESSES).toLocaleString('en-US')} concurrent cold calls from ${WORKER_PROCESSES} replicas sharing Redis`,
    calls: perProcess * WORKER_PROCESSES,
    failedCalls: summaries.reduce((sum, s) => sum + s.failed, 0),
    processes: WORKER_PROCESSES,
    tokenRequests: (await bench.tokenRequests()) - before,
    note: late.length > 0 ? `replicas that fired late (not concurrent with the others): ${late.join(', ')}` : undefined,
  };
}
