import type { PolicyDefinition } from './policy-step';

/**
 * `set-variable`: stores `value` in `context.Variables[name]`. A literal stays a string; an
 * expression keeps its typed result (a bool, a number, a `Jwt` …) so later expressions can cast it.
 */
export const setVariablePolicy: PolicyDefinition = {
  name: 'set-variable',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['name', 'value']);
    context.expectChildren(element, []);
    const name = context.attribute(element, 'name', { required: true, expressions: false }).raw.trim();
    if (name === '') {
      throw context.error('POLICY_INVALID_VALUE', element, 'empty; name the variable, e.g. name="isMobile".', {
        attribute: 'name',
      });
    }
    const value = context.attribute(element, 'value', { required: true });
    const expression = value.isConstant ? undefined : context.expression(value.raw, element, 'value');
    return {
      location: context.locate(element),
      run(ctx) {
        ctx.variables.set(name, expression ? expression.evaluate(ctx) : value.raw);
      },
    };
  },
};
