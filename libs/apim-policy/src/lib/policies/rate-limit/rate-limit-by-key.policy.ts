import type { PolicyDefinition } from '../policy-step';
import { onResponseComplete } from '../response-hooks';
import { conditionType, integerType, optionalTyped, requiredTyped } from '../typed-attribute';
import { readReporting, report, REPORTING_ATTRIBUTES } from './limit-reporting';
import { MAX_RENEWAL_PERIOD } from './rate-limit.policy';

/**
 * `rate-limit-by-key` (apim.md §4): at most `calls` per `renewal-period` seconds per value of
 * `counter-key`, one counter per key value across every scope. With `increment-condition` the call
 * is checked now but counted only once the response is final and the condition holds, as APIM
 * does (its doc example tests `context.Response.StatusCode` from inbound).
 */
export const rateLimitByKeyPolicy: PolicyDefinition = {
  name: 'rate-limit-by-key',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, [
      'calls',
      'renewal-period',
      'counter-key',
      'increment-condition',
      'increment-count',
      ...REPORTING_ATTRIBUTES,
    ]);
    context.expectChildren(element, []);
    const calls = requiredTyped(context, element, 'calls', integerType(1));
    const period = requiredTyped(context, element, 'renewal-period', integerType(1, MAX_RENEWAL_PERIOD));
    const counterKey = context.attribute(element, 'counter-key', { required: true });
    const condition =
      element.attributes['increment-condition'] === undefined
        ? undefined
        : requiredTyped(context, element, 'increment-condition', conditionType);
    const count = optionalTyped(context, element, 'increment-count', integerType(0), 1);
    const reporting = readReporting(element, context);
    const store = context.services.rateLimits;
    return {
      location: context.locate(element),
      run(ctx) {
        const key = `rate-limit-by-key|${counterKey.evaluate(ctx)}`;
        const limit = { calls: calls.evaluate(ctx), renewalPeriodSeconds: period.evaluate(ctx) };
        const increment = count.evaluate(ctx);
        if (!condition) {
          report(ctx, reporting, store.take(key, limit, increment), limit.calls);
          return;
        }
        report(ctx, reporting, store.take(key, limit, 0), limit.calls);
        onResponseComplete(ctx, (done) => {
          if (condition.evaluate(done)) store.take(key, limit, increment);
        });
      },
    };
  },
};
