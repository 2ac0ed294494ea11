import type { GatewayContext } from '../context/gateway-context';
import { ExpressionEvaluationError, expressionValueToString } from '../expressions';
import type { CatalogueExpression } from './catalogue-entry';
import { CATALOGUE_EXPRESSIONS } from './expressions';
import type { CatalogueMeasurement } from './measure-catalogue';

/** One predicted expression run against the sample context. */
export interface EvaluationOutcome {
  readonly id: string;
  readonly expected: string;
  /** `not-compiled`: skipped; `matches` / `differs`: ran; `failed`: threw at run time. */
  readonly status: 'not-compiled' | 'matches' | 'differs' | 'failed';
  readonly actual?: string;
  readonly error?: string;
}

/**
 * Runs every compiled expression that has an `expected` value against a fresh `makeContext()` each
 * and compares its text (`expressionValueToString`). Never throws.
 */
export function evaluateCatalogue(
  measurement: CatalogueMeasurement,
  makeContext: () => GatewayContext,
  expressions: readonly CatalogueExpression[] = CATALOGUE_EXPRESSIONS,
): EvaluationOutcome[] {
  return expressions.flatMap((entry): EvaluationOutcome[] => {
    if (entry.expected === undefined) return [];
    const compiled = measurement.compiledExpressions.get(entry.id);
    const base = { id: entry.id, expected: entry.expected };
    if (!compiled) return [{ ...base, status: 'not-compiled' }];
    try {
      const actual = expressionValueToString(compiled.evaluate(makeContext()));
      return [{ ...base, status: actual === entry.expected ? 'matches' : 'differs', actual }];
    } catch (error) {
      return [{ ...base, status: 'failed', error: error instanceof Error ? error.message : String(error) }];
    }
  });
}

/**
 * Runs every compiled expression (predicted or not) against a fresh `makeContext()` and returns
 * those that failed with something other than a policy-level fault: a JavaScript error escaping the
 * engine (`unexpected failure: TypeError …`) is an engine bug. Never throws.
 */
export function findUnexpectedFailures(
  measurement: CatalogueMeasurement,
  makeContext: () => GatewayContext,
): { readonly id: string; readonly error: string }[] {
  const failures: { id: string; error: string }[] = [];
  for (const [id, compiled] of measurement.compiledExpressions) {
    try {
      compiled.evaluate(makeContext());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ExpressionEvaluationError) || message.includes('unexpected failure')) {
        failures.push({ id, error: message });
      }
    }
  }
  return failures;
}
