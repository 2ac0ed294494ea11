import type { PolicyElement } from '@stack/claim-policy';
import { ExpressionEvaluationError } from '../expressions/compiled-expression';
import type { GatewayContext } from '../context/gateway-context';
import type { HeaderBag } from '../context/header-bag';
import type { PolicyCompileContext, PolicyDefinition, PolicyStep } from './policy-step';
import { choiceType, optionalTyped } from './typed-attribute';
import { valueElements } from './value-elements';

/** Which message a set-header / set-body changes. */
export type MessageTarget = 'request' | 'response';

const EXISTS_ACTIONS = ['override', 'skip', 'append', 'delete'] as const;
type ExistsAction = (typeof EXISTS_ACTIONS)[number];

/** APIM: "cannot be modified or deleted"; the gateway and Node own them. */
const PROTECTED = ['connection', 'content-length', 'keep-alive', 'transfer-encoding'];
/** APIM sends several values of these as separate headers instead of one comma-separated value. */
const SEPARATE_VALUES = [
  'user-agent',
  'www-authenticate',
  'proxy-authenticate',
  'cookie',
  'set-cookie',
  'warning',
  'date',
  'expires',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'retry-after',
];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `set-header` (apim.md §4): in inbound and backend it changes the request sent to the backend, in
 * outbound and on-error the response to the client (inside return-response: that response).
 */
export const setHeaderPolicy: PolicyDefinition = {
  name: 'set-header',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile: (element, context) =>
    compileSetHeader(
      element,
      context,
      context.section === 'inbound' || context.section === 'backend' ? 'request' : 'response',
    ),
};

/** A set-header step acting on `target` (return-response passes `response` in every section). */
export function compileSetHeader(
  element: PolicyElement,
  context: PolicyCompileContext,
  target: MessageTarget,
): PolicyStep {
  context.expectAttributes(element, ['name', 'exists-action']);
  const nameSource = context.attribute(element, 'name', { required: true });
  const action = optionalTyped(context, element, 'exists-action', choiceType(EXISTS_ACTIONS), 'override');
  const values = valueElements(element, context);
  if (nameSource.isConstant) {
    const problem = nameProblem(nameSource.raw.trim(), action.constant);
    if (problem) throw context.error('POLICY_INVALID_VALUE', element, problem, { attribute: 'name' });
  }
  if (action.constant === 'delete' && values.length > 0) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      'exists-action="delete" removes the header; remove the <value> elements.',
      {
        attribute: 'exists-action',
      },
    );
  }
  return {
    location: context.locate(element),
    run(ctx: GatewayContext) {
      const name = nameSource.evaluate(ctx).trim();
      const how = action.evaluate(ctx);
      const problem = nameSource.isConstant ? undefined : nameProblem(name, how);
      if (problem)
        throw new ExpressionEvaluationError(`<set-header> attribute "name": ${problem}`, nameSource.raw.trim());
      const headers = target === 'request' ? ctx.request.headers : ctx.ensureResponse().headers;
      apply(
        headers,
        name,
        how,
        values.map((value) => value.evaluate(ctx)),
      );
    },
  };
}

function apply(headers: HeaderBag, name: string, action: ExistsAction, values: readonly string[]): void {
  const separate = SEPARATE_VALUES.includes(name.toLowerCase());
  switch (action) {
    case 'delete':
      headers.delete(name);
      return;
    case 'skip':
      if (!headers.has(name)) headers.set(name, shape(values, separate));
      return;
    case 'override':
      headers.set(name, shape(values, separate));
      return;
    case 'append':
      if (values.length === 0) return;
      if (separate) headers.append(name, values);
      else headers.set(name, [[...(headers.get(name) ?? []), ...values].join(',')]);
  }
}

/** The header's values: one comma-separated value, or one per `<value>` for the listed headers. */
function shape(values: readonly string[], separate: boolean): string[] {
  if (values.length === 0) return [''];
  return separate ? [...values] : [values.join(',')];
}

function nameProblem(name: string, action: ExistsAction | undefined): string | undefined {
  if (!HEADER_NAME.test(name))
    return `"${name}" is not a valid header name (an HTTP token: no spaces, colons, quotes or brackets).`;
  if (PROTECTED.includes(name.toLowerCase())) {
    return `APIM does not let policies modify or delete ${name} (nor Connection, Content-Length, Keep-Alive, Transfer-Encoding); the gateway sets it.`;
  }
  if (action === 'delete' && name.toLowerCase() === 'server')
    return 'APIM does not support removing the Server header.';
  return undefined;
}
