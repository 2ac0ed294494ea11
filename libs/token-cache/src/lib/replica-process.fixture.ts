/**
 * One "worker replica" in its own process, for token-provider.redis.spec.ts: it builds a TokenProvider on a
 * RedisTokenCache, says `ready`, and on `go` makes concurrent getToken() calls and reports its counters. The token
 * itself is reported as a SHA-256 hash only. Run with `node -r @swc-node/register` and NODE_EXTRA_CA_CERTS set.
 */
import { createHash } from 'node:crypto';
import { RedisTokenCache } from './cache/redis-token-cache';
import type { TokenCacheLogger } from './logger';
import { TokenProvider } from './token-provider';

/** What the parent sends first. */
export interface ReplicaConfig {
  readonly authority: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
  readonly redisUrl: string;
  readonly calls: number;
}

/** What the replica reports after its calls. */
export type ReplicaReport =
  | {
      readonly ok: true;
      readonly tokenHashes: string[];
      readonly tokenRequests: number;
      readonly sharedCacheHits: number;
    }
  | { readonly ok: false; readonly error: string };

const silent: TokenCacheLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

process.once('message', (config: ReplicaConfig) => {
  const cache = new RedisTokenCache({ url: config.redisUrl, logger: silent });
  const provider = new TokenProvider({
    authority: config.authority,
    clientId: config.clientId,
    credential: { clientSecret: config.clientSecret },
    cache,
    logger: silent,
  });
  process.once('message', async () => {
    let report: ReplicaReport;
    try {
      const results = await Promise.all(Array.from({ length: config.calls }, () => provider.getToken(config.scope)));
      const counters = provider.counters();
      report = {
        ok: true,
        tokenHashes: [
          ...new Set(results.map((result) => createHash('sha256').update(result.accessToken).digest('hex'))),
        ],
        tokenRequests: counters.tokenRequests,
        sharedCacheHits: counters.sharedCacheHits,
      };
    } catch (error) {
      report = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    await provider.close();
    await cache.close();
    process.send?.(report, () => process.exit(0));
  });
  process.send?.('ready');
});
