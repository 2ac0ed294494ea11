/**
 * Load-time problems found while reading an expression. `index.ts` turns them into
 * `GatewayConfigError`: `invalid` is not valid C# (EXPRESSION_INVALID), `unsupported` is valid C#
 * outside the subset this gateway implements (EXPRESSION_UNSUPPORTED).
 */
export class ExpressionProblem extends Error {
  constructor(
    readonly kind: 'invalid' | 'unsupported',
    detail: string,
    /** Offset in the source where the problem is, for the "at column N" hint. */
    readonly offset?: number,
  ) {
    super(detail);
    this.name = 'ExpressionProblem';
  }
}

export function invalid(detail: string, offset?: number): ExpressionProblem {
  return new ExpressionProblem('invalid', detail, offset);
}

export function unsupported(detail: string, offset?: number): ExpressionProblem {
  return new ExpressionProblem('unsupported', detail, offset);
}

/**
 * A run-time fault (null reference, missing key, bad cast) raised by member implementations; the
 * compiled expression rethrows it as `ExpressionEvaluationError` with the expression attached.
 */
export class EvaluationFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationFault';
  }
}

/** The loop budget ran out: a fault `catch` never swallows, so a runaway loop always ends the evaluation. */
export class LoopBudgetFault extends EvaluationFault {}
