import type { GatewayContext } from '../context/gateway-context';

/**
 * A policy expression (`@(…)` or `@{…}`), parsed and type-checked at load time. Evaluating it never
 * throws anything but {@link ExpressionEvaluationError}.
 */
export interface CompiledExpression {
  /** The expression as written, e.g. `@(context.Request.Method == "POST")`. */
  readonly source: string;
  evaluate(context: GatewayContext): unknown;
}

/**
 * Raised at run time (a null member, a bad cast, a missing variable): the pipeline turns it into
 * LastError `ExpressionValueEvaluationFailure` like APIM.
 */
export class ExpressionEvaluationError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
    this.name = 'ExpressionEvaluationError';
  }
}
