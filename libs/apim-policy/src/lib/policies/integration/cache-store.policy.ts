import type { PolicyDefinition } from '../policy-step';
import { booleanType, integerType, optionalTyped, requiredTyped } from '../typed-attribute';
import { writeQuietly } from './caching-type';
import { applyDownstreamCaching, takePendingStore, toCached } from './cached-response';
import { bytesIfSmall } from './read-body';

/**
 * `cache-store` (outbound): keeps the answer for `duration` seconds under the key the inbound
 * `cache-lookup` missed (without a cache-lookup, or for a request it skipped, nothing is stored). Only
 * 200 answers unless `cache-response="true"`; never answers with Set-Cookie (they belong to one caller), nor
 * bodies over 4 MiB (they pass through uncached).
 */
export const cacheStorePolicy: PolicyDefinition = {
  name: 'cache-store',
  sections: ['outbound'],
  compile(element, context) {
    context.expectAttributes(element, ['duration', 'cache-response']);
    context.expectChildren(element, []);
    const duration = requiredTyped(context, element, 'duration', integerType(0));
    const cacheAny = optionalTyped(context, element, 'cache-response', booleanType, false);
    const now = context.services.now;
    return {
      location: context.locate(element),
      async run(ctx) {
        const store = takePendingStore(ctx);
        const response = ctx.response;
        if (!store || !response) return;
        if (response.statusCode !== 200 && !cacheAny.evaluate(ctx)) return;
        if (response.headers.has('set-cookie')) return;
        const seconds = duration.evaluate(ctx);
        if (seconds <= 0) return;
        const read = (await bytesIfSmall(response.body)) ?? Buffer.alloc(0);
        // The stream is consumed: the client gets the same bytes (or, over the bound, the whole stream uncached).
        response.body = read;
        if (!Buffer.isBuffer(read)) return;
        const body = read;
        applyDownstreamCaching(response, store.downstream, seconds);
        const entry = toCached(response, body, now() + seconds * 1000);
        await writeQuietly(() => store.cache.set(store.key, entry, seconds));
      },
    };
  },
};
