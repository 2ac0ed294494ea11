import { STATUS_CODES } from 'node:http';
import type { PolicyDefinition } from './policy-step';
import { integerType, requiredTyped } from './typed-attribute';

/**
 * `set-status` (apim.md §4): sets the response status, starting a response when there is none.
 *
 * Decision: APIM's reference marks `reason` required, but the original write-up and the policy
 * snippets write `<set-status code="200" />`; refusing that would reject real configurations, so
 * a missing `reason` means the standard phrase for the code (`OK`, `Unauthorized` …).
 */
export const setStatusPolicy: PolicyDefinition = {
  name: 'set-status',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['code', 'reason']);
    context.expectChildren(element, []);
    const code = requiredTyped(context, element, 'code', integerType(100, 599));
    const reason = context.attribute(element, 'reason');
    return {
      location: context.locate(element),
      run(ctx) {
        const response = ctx.ensureResponse();
        response.statusCode = code.evaluate(ctx);
        response.reason = reason ? reason.evaluate(ctx) : STATUS_CODES[response.statusCode];
      },
    };
  },
};
