import type { Expr } from './ast';
import type { BoundExpr } from './bound';
import type { Checker } from './checker';
import { invalid } from './expression-error';
import type { Scope } from './scope';
import { checkActionBody, checkBody } from './statement-checker';
import { resolveType } from './type-syntax';
import { INFERRED, type Type, VOID, displayType, func, typeEquals, unify } from './types';

/**
 * Binds `x => …` / `(x, y) => { … }` against the `Func<A…, R>` parameter it is passed to: the
 * parameters get the types A…, the body is checked with them, and its type must convert to R
 * (or decides R when the method infers it: `Select(x => x.Length)` is `IEnumerable<int>`).
 */
export function bindLambda(
  checker: Checker,
  e: Extract<Expr, { kind: 'lambda' }>,
  target: Type,
  scope: Scope,
): BoundExpr {
  const types = target.args ?? [];
  const paramTypes = types.slice(0, -1);
  const result = types[types.length - 1];
  if (paramTypes.length !== e.params.length) {
    throw invalid(
      `the lambda takes ${e.params.length} parameter(s) but ${displayType(target)} gives ${paramTypes.length}`,
    );
  }
  const inner = scope.child();
  const frameStart = checker.slotCount;
  const slots = e.params.map((param, i) => {
    if (param.type) {
      const declared = resolveType(param.type, checker.text(param.type));
      if (!typeEquals(declared, paramTypes[i])) {
        throw invalid(`lambda parameter ${param.name} is ${displayType(paramTypes[i])}, not ${displayType(declared)}`);
      }
    }
    return checker.declareLocal(param.name, paramTypes[i], inner);
  });
  if (result?.name === VOID.name) return bindAction(checker, e, paramTypes, slots, inner, frameStart);
  const expected = result && result.name !== INFERRED.name ? result : undefined;
  if (!Array.isArray(e.body)) {
    const bodyExpr = e.body as Expr;
    const bound = expected
      ? checker.coerce(bodyExpr, expected, inner, 'the lambda result')
      : checker.expr(bodyExpr, inner);
    if (bound.type.name === 'void' || bound.type.name === 'null') {
      throw invalid(`the lambda ${checker.text(e)} must give a value with a type`);
    }
    return {
      kind: 'lambda',
      type: func(...paramTypes, expected ?? bound.type),
      slots,
      body: bound,
      frame: [frameStart, checker.slotCount],
    };
  }
  const statements = e.body as Parameters<typeof checkBody>[1];
  const returnTarget = { expected, seen: [] as Type[] };
  checker.returns.push(returnTarget);
  const savedBreaks = checker.breaks;
  checker.breaks = [];
  try {
    const body = checkBody(checker, statements, inner, 'the lambda');
    let type = expected;
    if (!type) {
      type = returnTarget.seen.reduce<Type | undefined>((acc, seen) => (acc ? unify(acc, seen) : seen), undefined);
      if (!type) throw invalid(`the returns of ${checker.text(e)} have no common type`);
    }
    return { kind: 'lambda', type: func(...paramTypes, type), slots, body, frame: [frameStart, checker.slotCount] };
  } finally {
    checker.returns.pop();
    checker.breaks = savedBreaks;
  }
}

/** A lambda whose result is `void` (an `Action<T>`: `list.ForEach(x => …)`): any statements, no value. */
function bindAction(
  checker: Checker,
  e: Extract<Expr, { kind: 'lambda' }>,
  paramTypes: readonly Type[],
  slots: readonly number[],
  scope: Scope,
  frameStart: number,
): BoundExpr {
  const type = func(...paramTypes, VOID);
  if (!Array.isArray(e.body)) {
    const body = checker.expr(e.body as Expr, scope);
    return { kind: 'lambda', type, slots, body, frame: [frameStart, checker.slotCount] };
  }
  checker.returns.push({ expected: VOID, seen: [] });
  const savedBreaks = checker.breaks;
  checker.breaks = [];
  try {
    const body = checkActionBody(checker, e.body as Parameters<typeof checkBody>[1], scope);
    return { kind: 'lambda', type, slots, body, frame: [frameStart, checker.slotCount] };
  } finally {
    checker.returns.pop();
    checker.breaks = savedBreaks;
  }
}
