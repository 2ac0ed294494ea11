import type { PolicyDefinition } from '../policy-step';
import { integerType, requiredTyped } from '../typed-attribute';
import { readReporting, report, REPORTING_ATTRIBUTES } from './limit-reporting';

/** APIM caps the sliding window at 300 seconds. */
export const MAX_RENEWAL_PERIOD = 300;

/**
 * `rate-limit` (apim.md §4): at most `calls` calls per `renewal-period` seconds (sliding window) per
 * subscription, counted separately for each rate-limit statement. Calls without a subscription
 * are not limited ("only applied when an API is accessed using a subscription key").
 */
export const rateLimitPolicy: PolicyDefinition = {
  name: 'rate-limit',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, ['calls', 'renewal-period', ...REPORTING_ATTRIBUTES]);
    const nested = element.children.find((child) => child.name === 'api' || child.name === 'operation');
    if (nested) {
      throw context.error(
        'POLICY_UNKNOWN_ELEMENT',
        nested,
        "per-API and per-operation limits inside <rate-limit> are not supported by this gateway; put a <rate-limit> in that API's or operation's policy instead.",
      );
    }
    context.expectChildren(element, []);
    if (context.scope === 'global') {
      throw context.error(
        'POLICY_WRONG_SECTION',
        element,
        'APIM allows <rate-limit> at product, API and operation scope, not in the global policy; use <rate-limit-by-key> there.',
      );
    }
    const calls = requiredTyped(context, element, 'calls', integerType(1), { expressions: false }).evaluate;
    const period = requiredTyped(context, element, 'renewal-period', integerType(1, MAX_RENEWAL_PERIOD), {
      expressions: false,
    }).evaluate;
    const reporting = readReporting(element, context);
    const location = context.locate(element);
    const store = context.services.rateLimits;
    // One counter per subscription and statement: the same statement composed into several pipelines shares it.
    const counter = `rate-limit|${location.file}:${location.line ?? 0}|`;
    return {
      location,
      run(ctx) {
        if (!ctx.subscription) return;
        const limit = { calls: calls(ctx), renewalPeriodSeconds: period(ctx) };
        report(ctx, reporting, store.take(counter + ctx.subscription.id, limit), limit.calls);
      },
    };
  },
};
