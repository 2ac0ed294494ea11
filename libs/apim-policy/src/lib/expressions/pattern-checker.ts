import type { Expr } from './ast';
import type { BoundExpr } from './bound';
import type { Checker } from './checker';
import { isInstanceOf } from './conversions';
import { invalid } from './expression-error';
import type { Scope } from './scope';
import { resolveType } from './type-syntax';
import { BOOL, canBeNull, displayType, withoutNullable } from './types';

/** `x is T`, `x is T name` (declares `name` when the test holds), `x is var name` and `x is null`. */
export function bindIs(checker: Checker, e: Extract<Expr, { kind: 'is' }>, scope: Scope): BoundExpr {
  const operand = checker.expr(e.operand, scope);
  if (!e.type) {
    if (!canBeNull(operand.type))
      throw invalid(`${checker.text(e.operand)} is ${displayType(operand.type)} and is never null`);
    return { kind: 'is', type: BOOL, operand, test: (value) => value === null || value === undefined, slot: undefined };
  }
  if (e.type.name === 'var' && e.type.typeArgs.length === 0 && e.name && !e.type.nullable && e.type.arrayRank === 0) {
    // `x is var y`: always true, y is x with x's type.
    const slot = checker.declareLocal(e.name, operand.type, scope);
    return { kind: 'is', type: BOOL, operand, test: () => true, slot };
  }
  const type = withoutNullable(resolveType(e.type, checker.text(e.type)));
  if (e.type.nullable)
    throw invalid(`"is ${checker.text(e.type)}": test for the type without ? (is ${displayType(type)})`);
  const slot = e.name ? checker.declareLocal(e.name, type, scope) : undefined;
  return { kind: 'is', type: BOOL, operand, test: (value) => isInstanceOf(value, type), slot };
}
