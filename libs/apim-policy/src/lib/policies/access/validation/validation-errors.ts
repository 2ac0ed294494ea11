import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../../context/gateway-context';
import { PolicyFailure, type PolicyCompileContext } from '../../policy-step';
import { choiceType, optionalName, requiredTyped, type TypedValue } from '../../typed-attribute';

export const VALIDATION_ACTIONS = ['ignore', 'prevent', 'detect'] as const;
export type ValidationAction = (typeof VALIDATION_ACTIONS)[number];

/** APIM's public answer for anything it will not explain to the client. */
export const INTERNAL_ERROR = 'The request could not be processed due to an internal error. Contact the API owner.';

/** One validation error, in APIM's shape (what `errors-variable-name` receives). */
export interface ValidationError {
  readonly Name: string;
  readonly Type: string;
  readonly ValidationRule: string;
  readonly Details: string;
  readonly Action: ValidationAction;
  /** What the client is told (not in the variable). */
  readonly publicMessage: string;
}

/** An action attribute (`prevent | detect | ignore`, expressions allowed). */
export function actionAttribute(
  context: PolicyCompileContext,
  element: PolicyElement,
  name: string,
): TypedValue<ValidationAction> {
  return requiredTyped(context, element, name, choiceType(VALIDATION_ACTIONS));
}

/** `errors-variable-name`: no expressions (as APIM). */
export function errorsVariable(context: PolicyCompileContext, element: PolicyElement): string | undefined {
  return optionalName(context, element, 'errors-variable-name');
}

/**
 * Reports errors: detect and prevent errors go to the errors variable; the first prevent error ends processing with
 * 400 (request, inbound) or 502 (response), LastError reason "Bad request" / "Response not allowed" as APIM lists them.
 */
export function reportValidation(
  ctx: GatewayContext,
  source: string,
  variable: string | undefined,
  errors: readonly ValidationError[],
  message: 'request' | 'response',
): void {
  const logged = errors.filter((error) => error.Action !== 'ignore');
  if (logged.length === 0) return;
  if (variable) {
    const previous = ctx.variables.get(variable);
    const list = Array.isArray(previous) ? [...(previous as unknown[])] : [];
    for (const { publicMessage: _public, ...entry } of logged) list.push(entry);
    ctx.variables.set(variable, list);
  }
  const blocking = logged.find((error) => error.Action === 'prevent');
  if (!blocking) return;
  const status = message === 'request' ? 400 : 502;
  throw new PolicyFailure(
    status,
    message === 'request' ? blocking.publicMessage : INTERNAL_ERROR,
    source,
    message === 'request' ? 'Bad request' : 'Response not allowed',
    {},
    { cause: blocking.Details },
  );
}
