import type { PolicyDefinition } from '../policy-step';
import { cacheFor, writeQuietly } from './caching-type';
import { VALUE_KEY_PREFIX } from './cache-value-source';

/** `cache-remove-value`: forgets `key` (a cache that fails is skipped). */
export const cacheRemoveValuePolicy: PolicyDefinition = {
  name: 'cache-remove-value',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['key', 'caching-type']);
    context.expectChildren(element, []);
    const key = context.attribute(element, 'key', { required: true });
    const cache = cacheFor(element, context);
    return {
      location: context.locate(element),
      async run(ctx) {
        const name = VALUE_KEY_PREFIX + key.evaluate(ctx);
        await writeQuietly(() => cache.delete(name));
      },
    };
  },
};
