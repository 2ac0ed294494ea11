import type { GatewayContext } from '../../context/gateway-context';
import type { PolicyCompileContext, PolicyDefinition } from '../policy-step';
import type { PolicyElement } from '@stack/claim-policy';
import { onResponseComplete } from '../response-hooks';
import { DOTNET_EPOCH_MS } from '../services/quota-store';
import { conditionType, integerType, optionalTyped, requiredTyped } from '../typed-attribute';
import { enforceQuotas, exchangedKilobytes, quotaExceeded } from './quota-enforcement';
import { quotaStoreOf, readQuotaLimit } from './quota-limits';

/** APIM: "Minimum period: 300 seconds" (0 still means a lifetime quota). */
const MIN_PERIOD_SECONDS = 300;

/** Keys a request has counted already: APIM counts a key once per request even if several policies name it. */
const countedKeys = new WeakMap<GatewayContext, Set<string>>();

/**
 * `quota-by-key`: a renewable or lifetime call and/or bandwidth quota per value of `counter-key`, one
 * counter per key value across every scope. With `increment-condition` the call is checked now and
 * counted once the response is final and the condition holds (as rate-limit-by-key).
 */
export const quotaByKeyPolicy: PolicyDefinition = {
  name: 'quota-by-key',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, [
      'calls',
      'bandwidth',
      'renewal-period',
      'counter-key',
      'increment-condition',
      'increment-count',
      'first-period-start',
    ]);
    context.expectChildren(element, []);
    const limit = readQuotaLimit(element, context, {
      minPeriod: MIN_PERIOD_SECONDS,
      firstPeriodStartMs: firstPeriodStart(element, context),
    });
    const counterKey = context.attribute(element, 'counter-key', { required: true });
    const condition =
      element.attributes['increment-condition'] === undefined
        ? undefined
        : requiredTyped(context, element, 'increment-condition', conditionType);
    const count = optionalTyped(context, element, 'increment-count', integerType(0), 1);
    const store = quotaStoreOf(element, context);
    return {
      location: context.locate(element),
      async run(ctx) {
        const key = `quota-by-key|${counterKey.evaluate(ctx)}`;
        const counted = countedKeys.get(ctx) ?? new Set<string>();
        countedKeys.set(ctx, counted);
        if (counted.has(key)) return;
        counted.add(key);
        const calls = count.evaluate(ctx);
        if (!condition) {
          await enforceQuotas(ctx, store, [{ key, limit }], calls, 'quota-by-key');
          return;
        }
        const check = await store.take(key, limit, { calls: 0, kilobytes: 0 });
        if (!check.allowed) throw quotaExceeded(check, 'quota-by-key');
        onResponseComplete(ctx, (done) => {
          if (!condition.evaluate(done)) return;
          const kilobytes = limit.kilobytes === undefined ? 0 : exchangedKilobytes(done);
          void store.add(key, limit, { calls, kilobytes }).catch(() => undefined);
        });
      },
    };
  },
};

/** `first-period-start`: `yyyy-MM-ddTHH:mm:ssZ` (UTC); default 0001-01-01T00:00:00Z. */
function firstPeriodStart(element: PolicyElement, context: PolicyCompileContext): number {
  const source = context.attribute(element, 'first-period-start', { expressions: false });
  if (!source) return DOTNET_EPOCH_MS;
  const text = source.raw.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(text);
  const date = match ? new Date(0) : undefined;
  if (match && date) {
    const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second, 0);
    const roundTrips = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60;
    if (roundTrips && second < 60) return date.getTime();
  }
  throw context.error(
    'POLICY_INVALID_VALUE',
    element,
    `"${text}" is not a UTC date and time as APIM writes it; use yyyy-MM-ddTHH:mm:ssZ, e.g. 2024-01-01T00:00:00Z.`,
    { attribute: 'first-period-start' },
  );
}
