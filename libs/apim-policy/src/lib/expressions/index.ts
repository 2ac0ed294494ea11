import { type ConfigLocation, GatewayConfigError } from '../errors/gateway-config-error';
import type { GatewayContext } from '../context/gateway-context';
import { checkProgram } from './checker';
import { type CompiledExpression, ExpressionEvaluationError } from './compiled-expression';
import { compileProgram } from './evaluator';
import { EvaluationFault, ExpressionProblem } from './expression-error';
import { parseProgram } from './parser';
import { withClock } from './evaluation-clock';

export { type CompiledExpression, ExpressionEvaluationError } from './compiled-expression';
export { expressionValueToString } from './value-format';

/** Whether attribute or element text is a policy expression: it starts (after spaces) with `@(` or `@{`. */
export function isExpression(text: string): boolean {
  const trimmed = text.trimStart();
  return trimmed.startsWith('@(') || trimmed.startsWith('@{');
}

/**
 * Parses, type-checks and compiles a policy expression (`@(…)` or `@{…}`) once, at load time.
 * Throws GatewayConfigError `EXPRESSION_INVALID` (not valid C#) or `EXPRESSION_UNSUPPORTED`
 * (outside the subset in README.md), naming `location` and the expression. The result's
 * `evaluate` only ever throws ExpressionEvaluationError.
 */
export function compileExpression(source: string, location: ConfigLocation): CompiledExpression {
  const where: ConfigLocation = { ...location, expression: source };
  let run: (context: GatewayContext) => unknown;
  try {
    run = compileProgram(checkProgram(parseProgram(source), source));
  } catch (error) {
    if (!(error instanceof ExpressionProblem)) throw error;
    const code = error.kind === 'invalid' ? 'EXPRESSION_INVALID' : 'EXPRESSION_UNSUPPORTED';
    throw new GatewayConfigError(code, `${error.message}${position(source, error.offset)}`, where);
  }
  return {
    source,
    evaluate(context: GatewayContext): unknown {
      try {
        return withClock(context.clock, () => run(context)) ?? null;
      } catch (error) {
        if (error instanceof ExpressionEvaluationError) throw error;
        const detail = error instanceof EvaluationFault ? error.message : `unexpected failure: ${String(error)}`;
        throw new ExpressionEvaluationError(`Expression evaluation failed: ${detail}`, source);
      }
    },
  };
}

/** ` (at column 12)` or ` (at line 2, column 5 of the expression)` for syntax problems. */
function position(source: string, offset: number | undefined): string {
  if (offset === undefined) return '';
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return line === 1 ? ` (at column ${column})` : ` (at line ${line}, column ${column} of the expression)`;
}
