import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import { expressionValueToString } from '../../expressions';
import type { PolicyCompileContext } from '../policy-step';

/** Keys of cache-*-value entries, apart from cache-lookup's responses in the same cache. */
export const VALUE_KEY_PREFIX = 'apim-value:';

/**
 * An attribute whose value is kept as the expression gave it where the cache can hold that as is
 * (text, numbers, booleans, null); anything else (a JObject, an array) is kept as its text, so a
 * cached value never changes behind the back of the request that stored it.
 */
export function cacheableAttribute(
  element: PolicyElement,
  name: string,
  context: PolicyCompileContext,
  required: boolean,
): ((ctx: GatewayContext) => unknown) | undefined {
  const source = required ? context.attribute(element, name, { required: true }) : context.attribute(element, name);
  if (!source) return undefined;
  if (source.isConstant) return () => source.raw;
  const expression = context.expression(source.raw, element, name);
  return (ctx) => cacheable(expression.evaluate(ctx));
}

function cacheable(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : expressionValueToString(value);
  return expressionValueToString(value);
}
