/**
 * The load generator: autocannon in this process against a target in its own process, a warm-up, then several
 * measured rounds whose medians make the figure. Every answer must be a 2xx: a guard that refuses the token would
 * otherwise look fast.
 */
import autocannon from 'autocannon';
import { median } from './median';
import type { Figure } from './figure';

export interface LoadRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface LoadSettings {
  readonly rounds: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
}

/** Runs autocannon once for `durationSeconds`, or until `amount` requests are done. */
export async function fire(
  request: LoadRequest,
  load: { connections: number; durationSeconds?: number; amount?: number },
): Promise<autocannon.Result> {
  const result = await autocannon({
    url: request.url,
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    connections: load.connections,
    // autocannon refuses `duration: undefined`; `amount` wins over a duration when both are set.
    ...(load.amount === undefined ? { duration: load.durationSeconds } : { amount: load.amount }),
  });
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  if (result.non2xx > 0 || answered === 0) {
    throw new Error(
      `${request.method ?? 'GET'} ${request.url}: ${result.non2xx} of ${answered} answers were not 2xx ` +
        `(4xx ${result['4xx']}, 5xx ${result['5xx']}, connection errors ${result.errors}); the target is misconfigured.`,
    );
  }
  return result;
}

/** Warm-up, then `rounds` measured rounds; the figure is the median of each metric. */
export async function measureRounds(request: LoadRequest, settings: LoadSettings): Promise<Figure> {
  if (settings.warmupSeconds > 0) {
    await fire(request, { connections: settings.connections, durationSeconds: settings.warmupSeconds });
  }
  const results: autocannon.Result[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    results.push(await fire(request, { connections: settings.connections, durationSeconds: settings.durationSeconds }));
  }
  const rounds = results.map((r) => r['2xx'] / r.duration);
  return {
    perSecond: median(rounds),
    p50Ms: median(results.map((r) => r.latency.p50)),
    p99Ms: median(results.map((r) => r.latency.p99)),
    rounds,
  };
}
