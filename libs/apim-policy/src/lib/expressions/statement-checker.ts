import type { Expr, Stmt } from './ast';
import type { BoundExpr, BoundStmt, BoundSwitchLabel } from './bound';
import type { BreakTarget, Checker } from './checker';
import { EXCEPTION, EXCEPTION_TYPE_NAMES } from './exception-value';
import { invalid, unsupported } from './expression-error';
import { elementTypeOf } from './member-table';
import { bindBinary, bindCast, requireCondition } from './operators';
import type { Scope } from './scope';
import { resolveType } from './type-syntax';
import { type Type, displayType, isValueType, typeEquals, withoutNullable } from './types';
import { defaultOf, isInstanceOf } from './conversions';

/** A checked statement and whether its end point is unreachable (it returns, breaks or loops forever). */
interface Checked {
  readonly bound?: BoundStmt;
  readonly returns: boolean;
}

/** The statements of `@{ … }`: every path must end in `return`. */
export function checkBlockProgram(checker: Checker, list: readonly Stmt[], scope: Scope): BoundStmt[] {
  return checkBody(checker, list, scope, 'the block');
}

/** A body that must return a value on every path (the program, a lambda with a block body). */
export function checkBody(checker: Checker, list: readonly Stmt[], scope: Scope, what: string): BoundStmt[] {
  const { statements, returns } = checkStatements(checker, list, scope);
  if (!returns) throw invalid(`not every path of ${what} returns a value; end it with return …;`);
  return statements;
}

/** The block body of an `Action` lambda: statements that need not (and cannot) return a value. */
export function checkActionBody(checker: Checker, list: readonly Stmt[], scope: Scope): BoundStmt[] {
  return checkStatements(checker, list, scope).statements;
}

function checkStatements(checker: Checker, list: readonly Stmt[], scope: Scope) {
  const statements: BoundStmt[] = [];
  let returns = false;
  for (const statement of list) {
    const checked = checkStatement(checker, statement, scope);
    if (checked.bound) statements.push(checked.bound);
    returns ||= checked.returns;
  }
  return { statements, returns };
}

function checkStatement(checker: Checker, s: Stmt, scope: Scope): Checked {
  switch (s.kind) {
    case 'empty':
      return { returns: false };
    case 'block': {
      const inner = checkStatements(checker, s.statements, scope.child());
      return { bound: { kind: 'block', statements: inner.statements }, returns: inner.returns };
    }
    case 'return':
      return { bound: { kind: 'return', value: returnValue(checker, s.value, scope) }, returns: true };
    case 'declare':
      return { bound: declare(checker, s, scope), returns: false };
    case 'expression':
      return { bound: { kind: 'expression', expr: checker.expr(s.expr, scope) }, returns: false };
    case 'if': {
      const test = condition(checker, s.test, scope, 'if');
      const then = embedded(checker, s.then, scope);
      const otherwise = s.otherwise ? embedded(checker, s.otherwise, scope) : undefined;
      return {
        bound: { kind: 'if', test, then: then.bound, otherwise: otherwise?.bound },
        returns: then.returns && (otherwise?.returns ?? false),
      };
    }
    case 'while': {
      const test = condition(checker, s.test, scope, 'while');
      const { body, target } = loopBody(checker, s.body, scope, 'loop');
      return {
        bound: { kind: 'loop', test, testFirst: true, body, update: [] },
        returns: isTrue(test) && !target.broken,
      };
    }
    case 'do': {
      const { body, target, returns } = loopBody(checker, s.body, scope, 'loop');
      const test = condition(checker, s.test, scope, 'do … while');
      return {
        bound: { kind: 'loop', test, testFirst: false, body, update: [] },
        returns: !target.broken && (isTrue(test) || (returns && !target.continued)),
      };
    }
    case 'for':
      return forLoop(checker, s, scope);
    case 'foreach':
      return foreachLoop(checker, s, scope);
    case 'switch':
      return switchStatement(checker, s, scope);
    case 'try':
      return tryStatement(checker, s, scope);
    case 'throw':
      return { bound: { kind: 'throw', value: thrown(checker, s, scope) }, returns: true };
    case 'break': {
      const target = checker.breaks[checker.breaks.length - 1];
      if (!target) throw invalid('break is only allowed inside a loop or a switch');
      target.broken = true;
      return { bound: { kind: 'break' }, returns: true };
    }
    case 'continue': {
      const target = [...checker.breaks].reverse().find((t) => t.kind === 'loop');
      if (!target) throw invalid('continue is only allowed inside a loop');
      target.continued = true;
      return { bound: { kind: 'continue' }, returns: true };
    }
  }
}

/** `throw new Exception("…");` or `throw e;` (an Exception), or `throw;` inside a catch. */
function thrown(checker: Checker, s: Extract<Stmt, { kind: 'throw' }>, scope: Scope): BoundExpr {
  if (!s.value) {
    const slot = checker.catches[checker.catches.length - 1];
    if (slot === undefined) throw invalid('throw; without an exception is only allowed inside a catch');
    return { kind: 'local', type: EXCEPTION, slot };
  }
  const value = checker.expr(s.value, scope);
  if (value.type.name !== EXCEPTION.name) {
    throw invalid(`throw needs an Exception, not ${displayType(value.type)}: throw new Exception("…");`);
  }
  return value;
}

function returnValue(checker: Checker, value: Expr, scope: Scope): BoundExpr {
  const target = checker.returns[checker.returns.length - 1];
  if (target.inFinally) throw invalid('a finally block cannot return (C# CS0157)');
  if (target.expected?.name === 'void') throw invalid('this lambda gives no value (an Action); remove the return');
  const bound = target.expected
    ? checker.coerce(value, target.expected, scope, 'the returned value')
    : checker.expr(value, scope);
  if (bound.type.name === 'void') throw invalid(`${checker.text(value)} has no value to return`);
  target.seen.push(bound.type);
  return bound;
}

function condition(checker: Checker, e: Expr, scope: Scope, where: string): BoundExpr {
  const test = checker.expr(e, scope);
  requireCondition(test, checker.text(e), where);
  return test;
}

function isTrue(test: BoundExpr | undefined): boolean {
  return test === undefined || (test.kind === 'constant' && test.value === true);
}

/** The statement of an `if`/`else` branch or a loop body: C# forbids a bare declaration there. */
function embedded(checker: Checker, s: Stmt, scope: Scope): { bound: BoundStmt; returns: boolean } {
  if (s.kind === 'declare') {
    const name = s.declarators[0].name;
    throw invalid(`declare ${name} inside braces: if (…) { var ${name} = …; … }`);
  }
  const checked = checkStatement(checker, s, scope.child());
  return { bound: checked.bound ?? { kind: 'block', statements: [] }, returns: checked.returns };
}

function loopBody(checker: Checker, s: Stmt, scope: Scope, kind: 'loop' | 'switch') {
  const target: BreakTarget = { kind, broken: false, continued: false };
  checker.breaks.push(target);
  try {
    const { bound, returns } = embedded(checker, s, scope);
    return { body: bound, target, returns };
  } finally {
    checker.breaks.pop();
  }
}

function declare(checker: Checker, s: Extract<Stmt, { kind: 'declare' }>, scope: Scope): BoundStmt {
  const declared = s.type ? resolveType(s.type, checker.text(s.type)) : undefined;
  const statements: BoundStmt[] = s.declarators.map((declarator) => {
    const { name, init } = declarator;
    let bound: BoundExpr;
    let type: Type;
    if (declared) {
      type = declared;
      bound = init
        ? checker.coerce(init, declared, scope, `${displayType(declared)} ${name}`)
        : { kind: 'constant', type: declared, value: defaultOf(declared) };
    } else {
      bound = checker.expr(init as Expr, scope);
      type = bound.type;
      if (type.name === 'null')
        throw invalid(`var ${name} = null does not say a type; write it: string ${name} = null;`);
      if (type.name === 'void') throw invalid(`${checker.text(init as Expr)} has no value to store in ${name}`);
    }
    if (s.constant && !init) throw invalid(`const ${name} needs a value`);
    const slot = checker.declareLocal(name, type, scope, s.constant ? 'const' : undefined);
    if (!init) checker.unassigned.add(slot);
    return { kind: 'declare', slot, init: bound };
  });
  return statements.length === 1 ? statements[0] : { kind: 'block', statements };
}

function forLoop(checker: Checker, s: Extract<Stmt, { kind: 'for' }>, scope: Scope): Checked {
  const inner = scope.child();
  const init = s.init.map((statement) => checkStatement(checker, statement, inner).bound as BoundStmt);
  const test = s.test ? condition(checker, s.test, inner, 'for') : undefined;
  const update = s.update.map((e) => checker.expr(e, inner));
  const { body, target } = loopBody(checker, s.body, inner, 'loop');
  const loop: BoundStmt = { kind: 'loop', test, testFirst: true, body, update };
  return { bound: { kind: 'block', statements: [...init, loop] }, returns: isTrue(test) && !target.broken };
}

function foreachLoop(checker: Checker, s: Extract<Stmt, { kind: 'foreach' }>, scope: Scope): Checked {
  const source = checker.expr(s.source, scope);
  const sourceText = checker.text(s.source);
  const element = elementTypeOf(source.type);
  if (!element) {
    throw invalid(
      `foreach cannot go over ${sourceText} (${displayType(source.type)}); it needs an array, a List, a JArray or another enumerable`,
    );
  }
  let type = element;
  let convert: ((value: unknown) => unknown) | undefined;
  if (s.type) {
    type = resolveType(s.type, checker.text(s.type));
    if (!typeEquals(type, element)) {
      // foreach (T x in …) casts each element explicitly, as C# does.
      const cast = bindCast(type, { kind: 'local', type: element, slot: -1 }, `an element of ${sourceText}`);
      if (cast.kind === 'convert') convert = cast.convert;
    }
  }
  const inner = scope.child();
  const slot = checker.declareLocal(s.name, type, inner, 'foreach');
  const { body } = loopBody(checker, s.body, inner, 'loop');
  return { bound: { kind: 'foreach', slot, source, convert, body, sourceText }, returns: false };
}

function switchStatement(checker: Checker, s: Extract<Stmt, { kind: 'switch' }>, scope: Scope): Checked {
  const subject = checker.expr(s.subject, scope);
  const subjectText = checker.text(s.subject);
  const target: BreakTarget = { kind: 'switch', broken: false, continued: false };
  checker.breaks.push(target);
  let hasDefault = false;
  let allReturn = true;
  try {
    const block = scope.child();
    const sections = s.sections.map((section) => {
      // Pattern variables (case JObject o:) belong to their section.
      const inner = block.child();
      const labels = section.labels.map((label): BoundSwitchLabel => {
        if (label.kind === 'default') {
          hasDefault = true;
          return label;
        }
        if (label.kind === 'type') {
          const type = withoutNullable(resolveType(label.type, checker.text(label.type)));
          const slot = checker.declareLocal(label.name, type, inner);
          return { kind: 'type', test: (v) => isInstanceOf(v, type), slot, when: guard(checker, label.when, inner) };
        }
        let value = checker.expr(label.value, inner);
        if (value.kind === 'static' && isValueType(value.type)) {
          // An enum member (JTokenType.String, StringComparison.Ordinal) is a constant in C#.
          value = { kind: 'constant', type: value.type, value: value.property.get(null) };
        }
        if (value.kind !== 'constant') {
          throw invalid(
            `case ${checker.text(label.value)}: a case needs a constant value or a type pattern (case T name:)`,
          );
        }
        bindBinary('==', subject, value, { left: subjectText, right: checker.text(label.value) });
        return { kind: 'value', value: value.value, when: guard(checker, label.when, inner) };
      });
      const checked = checkStatements(checker, section.body, inner);
      if (!checked.returns) {
        throw invalid('each switch section must end with break, return or continue (C# does not fall through)');
      }
      allReturn &&= checked.returns;
      return { labels, body: { kind: 'block', statements: checked.statements } as BoundStmt };
    });
    return {
      bound: { kind: 'switch', subject, sections },
      returns: hasDefault && allReturn && !target.broken,
    };
  } finally {
    checker.breaks.pop();
  }
}

function guard(checker: Checker, when: Expr | undefined, scope: Scope): BoundExpr | undefined {
  return when ? condition(checker, when, scope, 'case … when') : undefined;
}

/**
 * `try … catch … finally`: a catch clause catches every run-time fault (the gateway has no
 * exception hierarchy), so only `catch`, `catch (Exception)` and `catch (Exception e)` are accepted
 * and only one of them. The end is unreachable when the body and the catch both return.
 */
function tryStatement(checker: Checker, s: Extract<Stmt, { kind: 'try' }>, scope: Scope): Checked {
  const body = checkStatements(checker, s.body, scope.child());
  if (s.catches.length > 1) throw unsupported('one catch clause is supported: catch (Exception e) catches every error');
  const clause = s.catches[0];
  let handler: { slot: number; body: BoundStmt } | undefined;
  let catchReturns = true;
  if (clause) {
    const written = clause.type ? checker.text(clause.type) : undefined;
    if (written && !EXCEPTION_TYPE_NAMES.has(written)) {
      throw unsupported(`catch (${written}) is not supported; catch (Exception e) catches every run-time error here`);
    }
    const inner = scope.child();
    // Every catch keeps the exception (named or not) so that `throw;` can raise it again.
    const slot = clause.name ? checker.declareLocal(clause.name, EXCEPTION, inner) : checker.newSlot();
    checker.catches.push(slot);
    let checked: ReturnType<typeof checkStatements>;
    try {
      checked = checkStatements(checker, clause.body, inner);
    } finally {
      checker.catches.pop();
    }
    handler = { slot, body: { kind: 'block', statements: checked.statements } };
    catchReturns = checked.returns;
  }
  let final: BoundStmt | undefined;
  if (s.final) {
    const target = checker.returns[checker.returns.length - 1];
    const saved = target.inFinally;
    target.inFinally = true;
    try {
      final = { kind: 'block', statements: checkStatements(checker, s.final, scope.child()).statements };
    } finally {
      target.inFinally = saved;
    }
  }
  return {
    bound: { kind: 'try', body: { kind: 'block', statements: body.statements }, handler, final },
    returns: body.returns && catchReturns,
  };
}
