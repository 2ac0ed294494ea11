import type { PolicyDefinition } from '../policy-step';
import { integerType, requiredTyped } from '../typed-attribute';
import { cacheFor, writeQuietly } from './caching-type';
import { cacheableAttribute, VALUE_KEY_PREFIX } from './cache-value-source';

/** `cache-store-value`: keeps `value` under `key` for `duration` seconds (a cache that fails is skipped). */
export const cacheStoreValuePolicy: PolicyDefinition = {
  name: 'cache-store-value',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['key', 'value', 'duration', 'caching-type']);
    context.expectChildren(element, []);
    const key = context.attribute(element, 'key', { required: true });
    const value = cacheableAttribute(element, 'value', context, true);
    const duration = requiredTyped(context, element, 'duration', integerType(0));
    const cache = cacheFor(element, context);
    return {
      location: context.locate(element),
      async run(ctx) {
        const entry = {
          key: VALUE_KEY_PREFIX + key.evaluate(ctx),
          value: value?.(ctx),
          seconds: duration.evaluate(ctx),
        };
        await writeQuietly(() => cache.set(entry.key, entry.value, entry.seconds));
      },
    };
  },
};
