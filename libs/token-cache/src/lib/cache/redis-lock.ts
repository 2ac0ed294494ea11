import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Deletes the lock only if it still holds our token: a holder whose lock expired must not release the next holder's.
const RELEASE_SCRIPT =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';

/** A held cross-process lock; `release()` never throws (an unreleased lock expires by itself). */
export interface HeldRedisLock {
  release(): Promise<void>;
}

/**
 * Tries once to take `key` with `SET key <random token> NX PX ttl` (the single-instance Redis lock pattern).
 * @returns the held lock, or `undefined` when another holder has it; rejects when Redis fails
 */
export async function tryAcquireRedisLock(
  redis: Redis,
  key: string,
  ttlMs: number,
): Promise<HeldRedisLock | undefined> {
  const token = randomUUID();
  const answer = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (answer !== 'OK') return undefined;
  return {
    release: async () => {
      await redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => undefined);
    },
  };
}
