import { runStep, STOP, type PolicyDefinition, type StepResult } from '../policy-step';
import { choiceType, optionalTyped } from '../typed-attribute';

/**
 * `wait`: runs its statements (only send-request, cache-lookup-value and choose, as in APIM) at the
 * same time and completes when all of them have (`for="all"`, the default) or the first one has
 * (`for="any"`). Promises cannot be cancelled: with `any` the others keep running in the background
 * and may still set their variables; nobody waits for them.
 */
export const waitPolicy: PolicyDefinition = {
  name: 'wait',
  sections: ['inbound', 'backend', 'outbound'],
  compile(element, context) {
    context.expectAttributes(element, ['for']);
    context.expectChildren(element, ['send-request', 'cache-lookup-value', 'choose']);
    if (element.children.length === 0) {
      throw context.error('POLICY_INVALID_VALUE', element, '<wait> needs at least one statement to wait for.');
    }
    const mode = optionalTyped(context, element, 'for', choiceType(['all', 'any']), 'all');
    const steps = context.compileChildren(element.children);
    return {
      location: context.locate(element),
      async run(ctx): Promise<StepResult> {
        const running = steps.map((step) => Promise.resolve(runStep(step, ctx)));
        if (mode.evaluate(ctx) === 'any') {
          for (const other of running) other.catch(() => undefined);
          return (await Promise.race(running)) === STOP ? STOP : undefined;
        }
        const results = await Promise.all(running);
        return results.includes(STOP) ? STOP : undefined;
      },
    };
  },
};
