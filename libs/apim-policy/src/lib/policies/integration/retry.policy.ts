import { runSteps, STOP, type PolicyDefinition, type StepResult } from '../policy-step';
import { booleanType, conditionType, integerType, optionalTyped, requiredTyped } from '../typed-attribute';

/** APIM: count is from 1 to 50. */
export const MAX_RETRY_COUNT = 50;

/** The wait before retry number `retry` (1-based), in seconds, as APIM documents its three algorithms. */
export function retryWaitSeconds(
  retry: number,
  settings: { interval: number; delta?: number; maxInterval?: number; firstFastRetry: boolean },
  random: () => number = Math.random,
): number {
  if (retry === 1 && settings.firstFastRetry) return 0;
  const { interval, delta, maxInterval } = settings;
  if (delta === undefined) return interval;
  if (maxInterval === undefined) return interval + (retry - 1) * delta;
  // Exponential: interval + (2^(n-1) - 1) * delta, the delta jittered by ±20 %, capped at max-interval.
  const jittered = delta * (0.8 + 0.4 * random());
  return Math.min(maxInterval, interval + (2 ** (retry - 1) - 1) * jittered);
}

/**
 * `retry`: runs its statements once, then again while `condition` holds, at most `count` more times,
 * waiting between runs (fixed `interval`; linear with `delta`; exponential with `delta` and
 * `max-interval`; `first-fast-retry` retries the first time at once). An error inside ends the retry
 * and goes to on-error like any other (send-request ignore-error="true" lets a condition see null).
 */
export const retryPolicy: PolicyDefinition = {
  name: 'retry',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['condition', 'count', 'interval', 'max-interval', 'delta', 'first-fast-retry']);
    const condition = requiredTyped(context, element, 'condition', conditionType);
    const count = requiredTyped(context, element, 'count', integerType(1, MAX_RETRY_COUNT));
    const interval = requiredTyped(context, element, 'interval', integerType(0));
    const maxInterval =
      element.attributes['max-interval'] === undefined
        ? undefined
        : requiredTyped(context, element, 'max-interval', integerType(0));
    const delta =
      element.attributes['delta'] === undefined ? undefined : requiredTyped(context, element, 'delta', integerType(0));
    const firstFast = optionalTyped(context, element, 'first-fast-retry', booleanType, false);
    const steps = context.compileChildren(element.children);
    return {
      location: context.locate(element),
      async run(ctx): Promise<StepResult> {
        if ((await runSteps(steps, ctx)) === STOP) return STOP;
        const retries = count.evaluate(ctx);
        for (let retry = 1; retry <= retries && condition.evaluate(ctx); retry += 1) {
          const seconds = retryWaitSeconds(retry, {
            interval: interval.evaluate(ctx),
            delta: delta?.evaluate(ctx),
            maxInterval: maxInterval?.evaluate(ctx),
            firstFastRetry: firstFast.evaluate(ctx),
          });
          if (seconds > 0) await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
          if ((await runSteps(steps, ctx)) === STOP) return STOP;
        }
      },
    };
  },
};
