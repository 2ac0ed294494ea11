import type { PolicyElement } from '@stack/claim-policy';
import { ExpressionEvaluationError } from '../../expressions/compiled-expression';
import type { GatewayContext } from '../../context/gateway-context';
import type { PolicyCompileContext, PolicyDefinition } from '../policy-step';

/** An HTTP method is a token (RFC 9110 §9.1): letters, digits and a few marks, no spaces. */
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `set-method`: the HTTP method of the request sent to the backend. APIM lists it for inbound and
 * on-error; inside send-request / send-one-way-request it sets that request's method
 * ({@link compileMethod} is shared with them).
 */
export const setMethodPolicy: PolicyDefinition = {
  name: 'set-method',
  sections: ['inbound', 'on-error'],
  compile(element, context) {
    const method = compileMethod(element, context);
    return {
      location: context.locate(element),
      run(ctx) {
        ctx.request.method = method(ctx);
      },
    };
  },
};

/**
 * A `<set-method>` element's method: its text (a literal, a named value or an expression), trimmed.
 * A constant that is not a method fails at load; an expression's bad result is an expression fault.
 */
export function compileMethod(element: PolicyElement, context: PolicyCompileContext): (ctx: GatewayContext) => string {
  context.expectAttributes(element, []);
  context.expectChildren(element, []);
  const source = context.text(element);
  const written = source.raw.trim();
  if (source.isConstant) {
    if (!METHOD.test(written)) {
      throw context.error('POLICY_INVALID_VALUE', element, methodProblem(written));
    }
    return () => written;
  }
  return (ctx) => {
    const method = source.evaluate(ctx).trim();
    if (!METHOD.test(method))
      throw new ExpressionEvaluationError(`<set-method>: the expression gave ${methodProblem(method)}`, written);
    return method;
  };
}

function methodProblem(text: string): string {
  return text === ''
    ? 'empty; write an HTTP method such as POST, or a policy expression giving one.'
    : `"${text.slice(0, 20)}" is not an HTTP method (a token such as GET, POST, PATCH; no spaces).`;
}
