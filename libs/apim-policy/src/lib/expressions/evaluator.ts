import type { GatewayContext } from '../context/gateway-context';
import { AnonymousObject } from './anonymous-object';
import type { BoundArg, BoundExpr, BoundProgram, BoundStmt, BoundTarget } from './bound';
import { compileArithmetic } from './evaluator-arithmetic';
import { ExceptionValue } from './exception-value';
import { EvaluationFault, LoopBudgetFault } from './expression-error';
import { itemsOf } from './library/linq';
import { formatWithSpecifier } from './library/system-format';
import { type OutBox, type Property, fault } from './members';
import { displayType } from './types';
import { valueEquals } from './value-equality';
import { formatValue } from './value-format';

/** What a running expression sees: the request context, the locals, and the loop budget spent so far. */
interface Env {
  readonly context: GatewayContext;
  readonly locals: unknown[];
  steps: number;
}

type Fn = (env: Env) => unknown;

/** A `?.` met null: the rest of its chain is skipped and the chain's value is null. */
const SHORT = Symbol('null-conditional');
/** A statement that finished without `return`. */
const NO_RETURN = Symbol('no-return');
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

/**
 * Loop iterations one evaluation may run (all loops together): a policy cannot hang the gateway.
 * Far above anything a request needs (a 1,000-item JSON array takes 1,000).
 */
export const LOOP_BUDGET = 1_000_000;

/**
 * Turns a checked program into nested closures once, at load time; per request only the closures
 * run. Faults are EvaluationFault; the caller wraps them into ExpressionEvaluationError.
 */
export function compileProgram(program: BoundProgram): (context: GatewayContext) => unknown {
  const slots = program.slots;
  if (program.kind === 'expression') {
    const body = compile(program.body);
    return (context) => {
      const value = body({ context, locals: slots === 0 ? [] : new Array<unknown>(slots).fill(null), steps: 0 });
      return value === SHORT ? null : value;
    };
  }
  const body = compileBlock(program.body);
  return (context) => {
    const result = body({ context, locals: new Array<unknown>(slots).fill(null), steps: 0 });
    if (result === NO_RETURN || result === BREAK || result === CONTINUE) throw fault('the block ended without return');
    return result;
  };
}

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

function spend(env: Env): void {
  if (++env.steps > LOOP_BUDGET) {
    throw new LoopBudgetFault(`loop ran too long: more than ${LOOP_BUDGET} iterations in one evaluation`);
  }
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
    for (const item of itemsOf(value)) {
      spend(env);
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
    values: section.labels.filter((label) => label !== undefined).map((label) => (label as { value: unknown }).value),
    isDefault: section.labels.includes(undefined),
    body: compileStatement(section.body),
  }));
  const fallback = sections.find((section) => section.isDefault);
  return (env) => {
    const value = unshort(subject(env));
    const section = sections.find((candidate) => candidate.values.some((v) => valueEquals(v, value))) ?? fallback;
    if (!section) return NO_RETURN;
    const result = section.body(env);
    return result === BREAK ? NO_RETURN : result;
  };
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
      if (handler.slot !== undefined) env.locals[handler.slot] = new ExceptionValue(error.message);
      return handler.body(env);
    } finally {
      if (final) final(env);
    }
  };
}

function unshort(value: unknown): unknown {
  return value === SHORT || value === undefined ? null : value;
}

function compile(e: BoundExpr): Fn {
  switch (e.kind) {
    case 'constant': {
      const value = e.value;
      return () => value;
    }
    case 'context':
      return (env) => env.context;
    case 'local': {
      const slot = e.slot;
      return (env) => env.locals[slot];
    }
    case 'static': {
      const property = e.property;
      return () => property.get(null) ?? null;
    }
    case 'property': {
      const target = receiver(e.target, e.conditional, e.targetText, `.${e.name}`);
      const property = e.property;
      return (env) => {
        const value = target(env);
        return value === SHORT ? SHORT : (property.get(value) ?? null);
      };
    }
    case 'call':
      return compileCall(e);
    case 'index': {
      const target = receiver(e.target, e.conditional, e.targetText, '[…]');
      const key = compile(e.key);
      const { indexer, targetText } = e;
      return (env) => {
        const value = target(env);
        if (value === SHORT) return SHORT;
        const k = key(env);
        if (k === null) throw fault(`the key of ${targetText}[…] is null`);
        return indexer.get(value, k, targetText) ?? null;
      };
    }
    case 'chain': {
      const inner = compile(e.inner);
      return (env) => {
        const value = inner(env);
        return value === SHORT ? null : value;
      };
    }
    case 'not': {
      const operand = compile(e.operand);
      return (env) => {
        const value = operand(env);
        return value === null ? null : !value;
      };
    }
    case 'negate': {
      const operand = compile(e.operand);
      const integer = e.type.name === 'int';
      return (env) => {
        const value = operand(env) as number | null;
        if (value === null) return null;
        return integer ? -value | 0 : -value;
      };
    }
    case 'arithmetic':
      return compileArithmetic(e, compile(e.left), compile(e.right));
    case 'operator': {
      const [left, right] = [compile(e.left), compile(e.right)];
      const { apply } = e;
      const lifted = e.type.nullable === true;
      return (env) => {
        const a = unshort(left(env));
        const b = unshort(right(env));
        if (lifted && (a === null || b === null)) return null;
        return apply(a, b) ?? null;
      };
    }
    case 'concat': {
      const [left, right] = [compile(e.left), compile(e.right)];
      return (env) => text(left(env)) + text(right(env));
    }
    case 'compare': {
      const [left, right] = [compile(e.left), compile(e.right)];
      const compare = COMPARE[e.op];
      return (env) => {
        const a = left(env);
        const b = right(env);
        if (a === null || b === null) return false;
        return compare(comparable(a), comparable(b));
      };
    }
    case 'equals': {
      const [left, right] = [compile(e.left), compile(e.right)];
      const negated = e.negated;
      return (env) => valueEquals(unshort(left(env)), unshort(right(env))) !== negated;
    }
    case 'and': {
      const [left, right] = [compile(e.left), compile(e.right)];
      return (env) => left(env) === true && right(env) === true;
    }
    case 'or': {
      const [left, right] = [compile(e.left), compile(e.right)];
      return (env) => left(env) === true || right(env) === true;
    }
    case 'coalesce': {
      const [left, right] = [compile(e.left), compile(e.right)];
      return (env) => unshort(left(env)) ?? right(env);
    }
    case 'conditional': {
      const [test, then, otherwise] = [compile(e.test), compile(e.then), compile(e.otherwise)];
      return (env) => (test(env) === true ? then(env) : otherwise(env));
    }
    case 'convert': {
      const operand = compile(e.operand);
      const convert = e.convert;
      return (env) => {
        const value = operand(env);
        return value === SHORT ? SHORT : convert(value ?? null);
      };
    }
    case 'is': {
      const operand = compile(e.operand);
      const { test, slot } = e;
      return (env) => {
        const value = unshort(operand(env));
        const matches = test(value);
        if (matches && slot !== undefined) env.locals[slot] = value;
        return matches;
      };
    }
    case 'interpolate':
      return compileInterpolation(e);
    case 'assign':
      return compileAssign(e);
    case 'construct': {
      const create = compile(e.create);
      const steps = e.steps.map(compile);
      const slot = e.slot;
      return (env) => {
        const object = create(env);
        env.locals[slot] = object;
        for (const step of steps) step(env);
        return object;
      };
    }
    case 'array': {
      const items = e.items.map(compile);
      if (e.bytes) return (env) => Uint8Array.from(items.map((item) => item(env) as number));
      return (env) => items.map((item) => unshort(item(env)));
    }
    case 'arrayOfSize': {
      const size = compile(e.size);
      const { fill, bytes, type } = e;
      return (env) => {
        const length = size(env) as number;
        if (length < 0) throw fault(`an array cannot have a negative length (${length}): new ${displayType(type)}`);
        if (length > LOOP_BUDGET) throw fault(`an array of ${length} items is too large for a policy expression`);
        return bytes ? new Uint8Array(length) : new Array<unknown>(length).fill(fill);
      };
    }
    case 'anonymous': {
      const values = e.values.map(compile);
      const names = e.names;
      return (env) =>
        new AnonymousObject(
          names,
          values.map((value) => unshort(value(env))),
        );
    }
    case 'lambda': {
      const slots = e.slots;
      const body = Array.isArray(e.body) ? compileBlock(e.body as readonly BoundStmt[]) : compile(e.body as BoundExpr);
      return (env) =>
        (...args: unknown[]) => {
          for (let i = 0; i < slots.length; i++) env.locals[slots[i]] = args[i] ?? null;
          return unshort(body(env));
        };
    }
  }
}

function compileInterpolation(e: Extract<BoundExpr, { kind: 'interpolate' }>): Fn {
  const parts = e.parts.map((part) => {
    if (typeof part === 'string') return () => part;
    const value = compile(part.value);
    const alignment = part.alignment ? compile(part.alignment) : undefined;
    const format = part.format;
    return (env: Env) => {
      const v = unshort(value(env));
      let shown = v === null ? '' : format !== undefined ? formatWithSpecifier(v, format) : formatValue(v);
      if (alignment) {
        const width = alignment(env) as number;
        shown = width < 0 ? shown.padEnd(-width) : shown.padStart(width);
      }
      return shown;
    };
  });
  return (env) => {
    let out = '';
    for (const part of parts) out += part(env);
    return out;
  };
}

/** Reads and writes of an assignment target; the receiver and key are evaluated once. */
interface Place {
  get(): unknown;
  set(value: unknown): void;
}

function compilePlace(target: BoundTarget): (env: Env) => Place {
  switch (target.kind) {
    case 'local': {
      const slot = target.slot;
      return (env) => ({
        get: () => env.locals[slot],
        set: (value) => {
          env.locals[slot] = value;
        },
      });
    }
    case 'index': {
      const object = receiver(target.target, false, target.targetText, '[…]');
      const key = compile(target.key);
      const { indexer, targetText } = target;
      const set = indexer.set as NonNullable<typeof indexer.set>;
      return (env) => {
        const o = object(env);
        const k = key(env);
        if (k === null) throw fault(`the key of ${targetText}[…] is null`);
        return { get: () => indexer.get(o, k, targetText) ?? null, set: (value) => set(o, k, value) };
      };
    }
    case 'property': {
      const object = receiver(target.target, false, target.targetText, `.${target.name}`);
      const property = target.property;
      const set = property.set as NonNullable<typeof property.set>;
      return (env) => {
        const o = object(env);
        return { get: () => property.get(o) ?? null, set: (value) => set(o, value) };
      };
    }
  }
}

function compileAssign(e: Extract<BoundExpr, { kind: 'assign' }>): Fn {
  const place = compilePlace(e.target);
  const value = compile(e.value);
  const { currentSlot, returnsOld } = e;
  if (currentSlot === undefined) {
    return (env) => {
      const p = place(env);
      const v = unshort(value(env));
      p.set(v);
      return v;
    };
  }
  return (env) => {
    const p = place(env);
    const old = p.get();
    env.locals[currentSlot] = old;
    const v = unshort(value(env));
    p.set(v);
    return returnsOld ? old : v;
  };
}

/**
 * Evaluates the receiver of a member access: SHORT when a `?.` meets null (or an earlier `?.` in
 * the chain did), a null-reference fault when a plain `.` meets null.
 */
function receiver(target: BoundExpr, conditional: boolean, targetText: string, access: string): Fn {
  const evaluate = compile(target);
  const reason = nullReason(target);
  return (env) => {
    const value = evaluate(env);
    if (value === SHORT) return SHORT;
    if (value !== null && value !== undefined) return value;
    if (conditional) return SHORT;
    throw fault(
      `${targetText} is null${reason ? ` (${reason})` : ''}, so ${access} cannot be read; ` +
        `use ${access.startsWith('.') ? '?.' : '?['} to get null instead`,
    );
  };
}

function nullReason(target: BoundExpr): string | undefined {
  const property: Property | undefined =
    target.kind === 'property' || target.kind === 'static' ? target.property : undefined;
  return property?.whenNull;
}

function compileCall(e: Extract<BoundExpr, { kind: 'call' }>): Fn {
  const target = e.target ? receiver(e.target, e.conditional, e.targetText, `.${e.name}(…)`) : () => null;
  const args = e.args.map(compileArg);
  const outs = e.args.flatMap((arg, i) => (arg.kind === 'out' ? [{ index: i, slot: arg.slot }] : []));
  const { overload, name } = e;
  const checkNulls = !overload.allowsNull;
  return (env) => {
    const value = target(env);
    if (value === SHORT) return SHORT;
    const values = args.map((arg) => arg(env));
    if (checkNulls) {
      const nullAt = values.findIndex(
        (v, i) => v === null && overload.params[i].name !== 'object' && !overload.params[i].nullable,
      );
      if (nullAt >= 0) {
        throw fault(`argument ${nullAt + 1} of ${name} (${displayType(overload.params[nullAt])}) is null`);
      }
    }
    const result = overload.invoke(value, ...values);
    for (const out of outs) env.locals[out.slot] = (values[out.index] as OutBox).value ?? null;
    return result ?? null;
  };
}

function compileArg(arg: BoundArg): Fn {
  if (arg.kind === 'out') return (): OutBox => ({ value: null });
  const value = compile(arg);
  return (env) => unshort(value(env));
}

const COMPARE: Readonly<Record<string, (a: number | string, b: number | string) => boolean>> = {
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

function comparable(value: unknown): number | string {
  return value instanceof Date ? value.getTime() : (value as number | string);
}

function text(value: unknown): string {
  return value === null || value === undefined || value === SHORT ? '' : formatValue(value);
}
