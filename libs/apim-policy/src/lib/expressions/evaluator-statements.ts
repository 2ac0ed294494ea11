import type { BoundExpr, BoundStmt, BoundSwitchLabel } from './bound';
import { BREAK, CONTINUE, type Env, type Fn, NO_RETURN, spend, unshort } from './evaluator-env';
import { ExceptionValue, ThrownFault } from './exception-value';
import { EvaluationFault, LoopBudgetFault } from './expression-error';
import { itemsOf } from './library/linq';
import { fault } from './members';
import { valueEquals } from './value-equality';

/**
 * Statements → closures. A statement's closure returns NO_RETURN when it completes, BREAK or
 * CONTINUE, or the returned value. `compileExpr` compiles the expressions inside (evaluator.ts).
 */
export function statementCompiler(compileExpr: (e: BoundExpr) => Fn) {
  const compile = compileExpr;
  function compileBlock(statements: readonly BoundStmt[]): Fn {
    const steps = statements.map(compileStatement);
    if (steps.length === 1) return steps[0];
    return (env) => {
      for (const step of steps) {
        const result = step(env);
        if (result !== NO_RETURN) return result;
      }
      return NO_RETURN;
    };
  }

  function compileStatement(s: BoundStmt): Fn {
    switch (s.kind) {
      case 'block':
        return compileBlock(s.statements);
      case 'declare': {
        const init = compile(s.init);
        const slot = s.slot;
        return (env) => {
          env.locals[slot] = unshort(init(env));
          return NO_RETURN;
        };
      }
      case 'expression': {
        const expr = compile(s.expr);
        return (env) => {
          expr(env);
          return NO_RETURN;
        };
      }
      case 'if': {
        const test = compile(s.test);
        const then = compileStatement(s.then);
        const otherwise = s.otherwise ? compileStatement(s.otherwise) : () => NO_RETURN;
        return (env) => (test(env) === true ? then(env) : otherwise(env));
      }
      case 'loop':
        return compileLoop(s);
      case 'foreach':
        return compileForeach(s);
      case 'switch':
        return compileSwitch(s);
      case 'try':
        return compileTry(s);
      case 'throw': {
        const value = compile(s.value);
        return (env) => {
          const exception = value(env);
          if (!(exception instanceof ExceptionValue)) throw fault('throw: the exception is null');
          throw new ThrownFault(exception);
        };
      }
      case 'break':
        return () => BREAK;
      case 'continue':
        return () => CONTINUE;
      case 'return': {
        const value = compile(s.value);
        return (env) => unshort(value(env));
      }
    }
  }

  function compileLoop(s: Extract<BoundStmt, { kind: 'loop' }>): Fn {
    const test = s.test ? compile(s.test) : () => true;
    const body = compileStatement(s.body);
    const update = s.update.map(compile);
    const testFirst = s.testFirst;
    return (env) => {
      if (testFirst && test(env) !== true) return NO_RETURN;
      while (true) {
        spend(env);
        const result = body(env);
        if (result === BREAK) return NO_RETURN;
        if (result !== NO_RETURN && result !== CONTINUE) return result;
        for (const step of update) step(env);
        if (test(env) !== true) return NO_RETURN;
      }
    };
  }

  function compileForeach(s: Extract<BoundStmt, { kind: 'foreach' }>): Fn {
    const source = compile(s.source);
    const body = compileStatement(s.body);
    const { slot, convert, sourceText } = s;
    return (env) => {
      const value = unshort(source(env));
      if (value === null || value === undefined) throw fault(`${sourceText} is null, so foreach cannot go over it`);
      const items = itemsOf(value);
      const length = items.length;
      for (let i = 0; i < length; i++) {
        spend(env);
        // C#'s enumerators refuse a collection changed under them (InvalidOperationException).
        if (items.length !== length) throw fault(`${sourceText} was modified during foreach`);
        const item = items[i];
        env.locals[slot] = convert ? convert(item ?? null) : (item ?? null);
        const result = body(env);
        if (result === BREAK) break;
        if (result !== NO_RETURN && result !== CONTINUE) return result;
      }
      return NO_RETURN;
    };
  }

  function compileSwitch(s: Extract<BoundStmt, { kind: 'switch' }>): Fn {
    const subject = compile(s.subject);
    const sections = s.sections.map((section) => ({
      matches: section.labels.filter((label) => label.kind !== 'default').map(compileLabel),
      isDefault: section.labels.some((label) => label.kind === 'default'),
      body: compileStatement(section.body),
    }));
    const fallback = sections.find((section) => section.isDefault);
    return (env) => {
      const value = unshort(subject(env));
      const section =
        sections.find((candidate) => candidate.matches.some((matches) => matches(env, value))) ?? fallback;
      if (!section) return NO_RETURN;
      const result = section.body(env);
      return result === BREAK ? NO_RETURN : result;
    };
  }

  /** Whether a `case` label matches the switch value (binding a pattern variable, then checking `when`). */
  function compileLabel(label: BoundSwitchLabel): (env: Env, value: unknown) => boolean {
    const when = label.kind !== 'default' && label.when ? compile(label.when) : undefined;
    const guard = (env: Env) => !when || when(env) === true;
    if (label.kind === 'type') {
      const { test, slot } = label;
      return (env, value) => {
        if (!test(value)) return false;
        env.locals[slot] = value;
        return guard(env);
      };
    }
    const constant = label.kind === 'value' ? label.value : undefined;
    return (env, value) => valueEquals(constant, value) && guard(env);
  }

  /** Faults are C# exceptions; the loop budget is not catchable, and neither are bugs (non-faults). */
  function compileTry(s: Extract<BoundStmt, { kind: 'try' }>): Fn {
    const body = compileStatement(s.body);
    const handler = s.handler ? { slot: s.handler.slot, body: compileStatement(s.handler.body) } : undefined;
    const final = s.final ? compileStatement(s.final) : undefined;
    return (env) => {
      try {
        return body(env);
      } catch (error) {
        if (!handler || !(error instanceof EvaluationFault) || error instanceof LoopBudgetFault) throw error;
        env.locals[handler.slot] = error instanceof ThrownFault ? error.exception : new ExceptionValue(error.message);
        return handler.body(env);
      } finally {
        if (final) final(env);
      }
    };
  }

  return { compileBlock, compileStatement };
}
