/**
 * One replica of the "cold calls" figure: a TokenProvider on the shared Redis cache (as the worker builds it), an empty
 * cache, and BENCH_COLD_CALLS API calls fired at once at BENCH_START_AT (epoch ms, the same instant for every
 * replica). Prints one JSON line: { ok, failed, tokenRequests, fallbacks, lateMs }.
 */
import { RedisTokenCache, TokenProvider } from '@stack/token-cache';
import pino from 'pino';
import { Agent, request } from 'undici';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the bench sets it when it starts this client).`);
  return value;
}

async function main(): Promise<void> {
  const calls = Number(required('BENCH_COLD_CALLS'));
  const startAt = Number(required('BENCH_START_AT'));
  const apiUrl = required('BENCH_API_URL');
  const scope = required('WORKER_SCOPE');
  const logger = pino({ level: 'warn' });
  const cache = new RedisTokenCache({ url: required('REDIS_URL'), logger });
  const tokens = new TokenProvider({
    authority: required('WORKER_AUTHORITY'),
    clientId: required('WORKER_CLIENT_ID'),
    credential: { clientSecret: required('WORKER_CLIENT_SECRET') },
    cache,
    logger,
  });
  const agent = new Agent({ connections: calls });
  // The cache's Redis connection is open by now: the replicas are warm, only their token cache is cold.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  // A replica that started too slowly to fire with the others says so: its calls were not concurrent with theirs.
  const lateMs = Math.max(0, Date.now() - startAt);
  const outcomes = await Promise.all(
    Array.from({ length: calls }, async () => {
      const { accessToken } = await tokens.getToken(scope);
      const response = await request(apiUrl, {
        headers: { authorization: `Bearer ${accessToken}` },
        dispatcher: agent,
      });
      await response.body.dump();
      return response.statusCode === 200;
    }),
  );
  const ok = outcomes.filter(Boolean).length;
  const { tokenRequests, fallbacks } = tokens.counters();
  console.log(JSON.stringify({ ok, failed: calls - ok, tokenRequests, fallbacks, lateMs }));
  await agent.close();
  await tokens.close();
  await cache.close();
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
