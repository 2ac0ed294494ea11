/**
 * Latency at concurrency 1, to a fraction of a millisecond: one keep-alive connection, one request at a time, each
 * timed with the high-resolution clock (autocannon's histogram counts whole milliseconds, too coarse for "≤ 1 ms
 * added by the gateway").
 */
import { Pool } from 'undici';
import { median } from './median';
import type { Figure } from './figure';
import type { LoadRequest, LoadSettings } from './autocannon-rounds';

export async function measureSequentialLatency(
  request: LoadRequest,
  settings: Omit<LoadSettings, 'connections'>,
): Promise<Figure> {
  const url = new URL(request.url);
  const pool = new Pool(url.origin, { connections: 1, pipelining: 1 });
  const path = `${url.pathname}${url.search}`;
  const once = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    const response = await pool.request({ path, method: request.method ?? 'GET', headers: request.headers });
    await response.body.dump();
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new Error(`GET ${request.url} answered ${response.statusCode}; the target is misconfigured.`);
    }
    return elapsedMs;
  };
  const runFor = async (seconds: number): Promise<number[]> => {
    const samples: number[] = [];
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) samples.push(await once());
    return samples;
  };
  try {
    await runFor(settings.warmupSeconds);
    const rounds: { perSecond: number; p50: number; p99: number }[] = [];
    for (let round = 0; round < settings.rounds; round += 1) {
      const samples = (await runFor(settings.durationSeconds)).sort((a, b) => a - b);
      rounds.push({
        perSecond: samples.length / settings.durationSeconds,
        p50: median(samples),
        p99: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))],
      });
    }
    return {
      perSecond: median(rounds.map((r) => r.perSecond)),
      p50Ms: median(rounds.map((r) => r.p50)),
      p99Ms: median(rounds.map((r) => r.p99)),
      rounds: rounds.map((r) => r.perSecond),
    };
  } finally {
    await pool.close();
  }
}
