import type { PolicyDefinition } from '../policy-step';
import { optionalName } from '../typed-attribute';
import { cacheFor, readQuietly } from './caching-type';
import { cacheableAttribute, VALUE_KEY_PREFIX } from './cache-value-source';

/**
 * `cache-lookup-value`: reads `key` from the cache into `variable-name`. On a miss the variable gets
 * `default-value` when one is given, and is left unset otherwise (so `ContainsKey` tells a miss).
 * A cache that cannot be reached counts as a miss.
 */
export const cacheLookupValuePolicy: PolicyDefinition = {
  name: 'cache-lookup-value',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['key', 'default-value', 'variable-name', 'caching-type']);
    context.expectChildren(element, []);
    const key = context.attribute(element, 'key', { required: true });
    const fallback = cacheableAttribute(element, 'default-value', context, false);
    const variable = optionalName(context, element, 'variable-name');
    if (!variable)
      throw context.error('POLICY_MISSING_ATTRIBUTE', element, 'required; add variable-name="…".', {
        attribute: 'variable-name',
      });
    const cache = cacheFor(element, context);
    return {
      location: context.locate(element),
      async run(ctx) {
        const found = await readQuietly(cache, VALUE_KEY_PREFIX + key.evaluate(ctx));
        if (found !== undefined) ctx.variables.set(variable, found);
        else if (fallback) ctx.variables.set(variable, fallback(ctx));
      },
    };
  },
};
