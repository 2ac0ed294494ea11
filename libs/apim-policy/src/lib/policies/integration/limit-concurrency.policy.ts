import type { GatewayServices } from '../gateway-services';
import { PolicyFailure, runSteps, type PolicyDefinition, type StepResult } from '../policy-step';
import { integerType, requiredTyped } from '../typed-attribute';

/** Requests inside limit-concurrency now, per key, per gateway (the services object stands for the gateway). */
const inFlight = new WeakMap<GatewayServices, Map<string, number>>();

/**
 * `limit-concurrency`: at most `max-count` requests run the enclosed statements at once per `key`
 * (shared by every statement with that key in this gateway); one more fails at once with 429.
 */
export const limitConcurrencyPolicy: PolicyDefinition = {
  name: 'limit-concurrency',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['key', 'max-count']);
    const key = context.attribute(element, 'key', { required: true });
    const maxCount = requiredTyped(context, element, 'max-count', integerType(1), { expressions: false });
    const steps = context.compileChildren(element.children);
    const counts = inFlight.get(context.services) ?? new Map<string, number>();
    inFlight.set(context.services, counts);
    return {
      location: context.locate(element),
      async run(ctx): Promise<StepResult> {
        const name = key.evaluate(ctx);
        const current = counts.get(name) ?? 0;
        if (current >= maxCount.evaluate(ctx)) {
          throw new PolicyFailure(429, 'Too many requests', 'limit-concurrency', 'ConcurrencyLimitExceeded');
        }
        counts.set(name, current + 1);
        try {
          return await runSteps(steps, ctx);
        } finally {
          const left = (counts.get(name) ?? 1) - 1;
          if (left <= 0) counts.delete(name);
          else counts.set(name, left);
        }
      },
    };
  },
};
