import { ExpressionEvaluationError } from '../../expressions/compiled-expression';
import type { PolicyDefinition } from '../policy-step';
import { messageOf, readBodyText, writeBody } from './message-body';

/**
 * `find-and-replace`: replaces every occurrence of `from` with `to` in the body, literally and
 * case-sensitively as .NET's String.Replace (no patterns): the request's in inbound and backend,
 * the response's in outbound and on-error. A message without a body is left alone.
 */
export const findAndReplacePolicy: PolicyDefinition = {
  name: 'find-and-replace',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['from', 'to']);
    context.expectChildren(element, []);
    const from = context.attribute(element, 'from', { required: true });
    const to = context.attribute(element, 'to', { required: true });
    if (from.isConstant && from.raw === '') {
      throw context.error('POLICY_INVALID_VALUE', element, 'empty; give the text to search for.', {
        attribute: 'from',
      });
    }
    const section = context.section;
    return {
      location: context.locate(element),
      async run(ctx) {
        const search = from.evaluate(ctx);
        if (search === '') {
          throw new ExpressionEvaluationError(
            '<find-and-replace> attribute "from": the expression gave an empty string (String.Replace needs text to find).',
            from.raw.trim(),
          );
        }
        const replacement = to.evaluate(ctx);
        const message = messageOf(ctx, section);
        const text = await readBodyText(message);
        if (text === undefined || !text.includes(search)) return;
        writeBody(message, text.split(search).join(replacement));
      },
    };
  },
};
