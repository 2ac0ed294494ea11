/**
 * protected-api's resident memory before and after a long run of guarded requests: read from /proc/<pid>/status
 * (no endpoint in the app), once after warm-up and once after the requests.
 */
import { fire, type LoadRequest } from '../load/autocannon-rounds';
import { rssOf } from '../processes/child-service';
import type { RssFigure } from '../report/results';

export async function measureRssGrowth(
  pid: number,
  request: LoadRequest,
  settings: { requests: number; connections: number; warmupSeconds: number },
): Promise<RssFigure> {
  await fire(request, { connections: settings.connections, durationSeconds: Math.max(settings.warmupSeconds, 2) });
  const beforeBytes = await rssOf(pid);
  const started = performance.now();
  await fire(request, { connections: settings.connections, amount: settings.requests });
  const seconds = (performance.now() - started) / 1000;
  return { requests: settings.requests, beforeBytes, afterBytes: await rssOf(pid), seconds };
}
