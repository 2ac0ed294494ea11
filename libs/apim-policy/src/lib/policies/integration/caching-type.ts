import type { PolicyElement } from '@stack/claim-policy';
import type { PolicyCompileContext } from '../policy-step';
import type { PolicyCache } from '../services/policy-cache';

const CACHING_TYPES = ['prefer-external', 'external', 'internal'] as const;
export type CachingType = (typeof CACHING_TYPES)[number];

/**
 * The cache `caching-type` picks (no expressions, as in APIM): `prefer-external` the configured cache,
 * `internal` the in-memory one, `external` only an external cache (Redis). Refuses to load when the
 * gateway has no cache, or no external cache for `external`.
 */
export function cacheFor(element: PolicyElement, context: PolicyCompileContext): PolicyCache {
  const written = context.attribute(element, 'caching-type', { expressions: false })?.raw.trim() ?? 'prefer-external';
  const type = CACHING_TYPES.find((choice) => choice === written);
  if (!type) {
    throw context.error('POLICY_INVALID_VALUE', element, `"${written}" is not one of ${CACHING_TYPES.join(', ')}.`, {
      attribute: 'caching-type',
    });
  }
  const cache = context.services.cache;
  if (!cache) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      `<${element.name}> needs a cache and this gateway was given none; pass services.cache (e.g. new MemoryPolicyCache()).`,
    );
  }
  if (type === 'prefer-external') return cache;
  if (type === 'internal') return cache.external ? (cache.internal ?? cache) : cache;
  if (!cache.external) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      'caching-type="external" needs an external cache (Redis), and none is configured; set GATEWAY_CACHE_REDIS_URL, ' +
        'or write caching-type="prefer-external" to use the internal cache when there is none.',
      { attribute: 'caching-type' },
    );
  }
  return cache;
}

/** As APIM: a cache that fails does not fail the request. A read is a miss, a write is skipped. */
export async function readQuietly(cache: PolicyCache, key: string): Promise<unknown> {
  try {
    return await cache.get(key);
  } catch {
    return undefined;
  }
}

export async function writeQuietly(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch {
    // The cache is down or refused the value; APIM carries on without it.
  }
}
