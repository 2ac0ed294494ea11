/**
 * protected-api's resident memory before and after a long run of guarded requests: read from /proc/<pid>/status
 * (no endpoint in the app) after warm-up, then after each tenth of the requests, so a leak (steady growth) can be
 * told from a heap that grows once and levels off.
 */
import { fire, type LoadRequest } from '../load/autocannon-rounds';
import { rssOf } from '../processes/child-service';
import type { RssFigure } from '../report/results';

const STEPS = 10;

export async function measureRssGrowth(
  pid: number,
  request: LoadRequest,
  settings: { requests: number; connections: number; warmupSeconds: number },
): Promise<RssFigure> {
  await fire(request, { connections: settings.connections, durationSeconds: Math.max(settings.warmupSeconds, 2) });
  const beforeBytes = await rssOf(pid);
  const samples: { requests: number; bytes: number }[] = [];
  const started = performance.now();
  for (let step = 1; step <= STEPS; step += 1) {
    const done = Math.round((settings.requests * step) / STEPS);
    const previous = samples.at(-1)?.requests ?? 0;
    await fire(request, { connections: settings.connections, amount: done - previous });
    samples.push({ requests: done, bytes: await rssOf(pid) });
  }
  const seconds = (performance.now() - started) / 1000;
  return { requests: settings.requests, beforeBytes, afterBytes: samples[samples.length - 1].bytes, samples, seconds };
}
