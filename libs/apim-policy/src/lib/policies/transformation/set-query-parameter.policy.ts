import { ExpressionEvaluationError } from '../../expressions/compiled-expression';
import type { PolicyDefinition } from '../policy-step';
import { choiceType, optionalTyped } from '../typed-attribute';
import { valueElements } from '../value-elements';

const EXISTS_ACTIONS = ['override', 'skip', 'append', 'delete'] as const;
type ExistsAction = (typeof EXISTS_ACTIONS)[number];

/**
 * `set-query-parameter`: adds, replaces or removes a query parameter of the request sent to the
 * backend (`context.Request.Url`; the client's `OriginalUrl` never changes). Several `<value>`s give
 * the parameter several times (`?a=1&a=2`), as APIM lists each entry.
 */
export const setQueryParameterPolicy: PolicyDefinition = {
  name: 'set-query-parameter',
  sections: ['inbound', 'backend'],
  compile(element, context) {
    context.expectAttributes(element, ['name', 'exists-action']);
    const nameSource = context.attribute(element, 'name', { required: true });
    const action = optionalTyped(context, element, 'exists-action', choiceType(EXISTS_ACTIONS), 'override');
    const values = valueElements(element, context);
    if (nameSource.isConstant && nameSource.raw.trim() === '') {
      throw context.error('POLICY_INVALID_VALUE', element, 'empty; name the query parameter to set.', {
        attribute: 'name',
      });
    }
    if (action.constant === 'delete' && values.length > 0) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        'exists-action="delete" removes the parameter; remove the <value> elements.',
        { attribute: 'exists-action' },
      );
    }
    if (action.constant !== 'delete' && values.length === 0) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        'add at least one <value> (one per occurrence of the parameter), or write exists-action="delete" to remove it.',
      );
    }
    return {
      location: context.locate(element),
      run(ctx) {
        const name = nameSource.evaluate(ctx).trim();
        if (name === '') {
          throw new ExpressionEvaluationError(
            '<set-query-parameter> attribute "name": the expression gave an empty name.',
            nameSource.raw.trim(),
          );
        }
        apply(
          ctx.backend.query,
          name,
          action.evaluate(ctx),
          values.map((value) => value.evaluate(ctx)),
        );
      },
    };
  },
};

function apply(query: URLSearchParams, name: string, action: ExistsAction, values: readonly string[]): void {
  switch (action) {
    case 'delete':
      query.delete(name);
      return;
    case 'skip':
      if (query.has(name)) return;
      for (const value of values) query.append(name, value);
      return;
    case 'override':
      query.delete(name);
      for (const value of values) query.append(name, value);
      return;
    case 'append':
      for (const value of values) query.append(name, value);
  }
}
