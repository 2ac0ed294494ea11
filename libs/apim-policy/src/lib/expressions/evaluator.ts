import type { GatewayContext } from '../context/gateway-context';
import type { BoundExpr, BoundProgram, BoundStmt } from './bound';
import { fault } from './members';
import type { Property } from './members';
import { displayType } from './types';
import { formatValue } from './value-format';

/** What a running expression sees: the request context and the block's local variables. */
interface Env {
  readonly context: GatewayContext;
  readonly locals: unknown[];
}

type Fn = (env: Env) => unknown;

/** A `?.` met null: the rest of its chain is skipped and the chain's value is null. */
const SHORT = Symbol('null-conditional');
/** A statement that finished without `return`. */
const NO_RETURN = Symbol('no-return');

/**
 * Turns a checked program into nested closures once, at load time; per request only the closures
 * run. Faults are EvaluationFault; the caller wraps them into ExpressionEvaluationError.
 */
export function compileProgram(program: BoundProgram): (context: GatewayContext) => unknown {
  if (program.kind === 'expression') {
    const body = compile(program.body);
    return (context) => body({ context, locals: [] });
  }
  const body = compileBlock(program.body);
  const slots = program.slots;
  return (context) => {
    const result = body({ context, locals: new Array<unknown>(slots).fill(null) });
    if (result === NO_RETURN) throw fault('the block ended without return');
    return result;
  };
}

function compileBlock(statements: readonly BoundStmt[]): Fn {
  const steps = statements.map(compileStatement);
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
        env.locals[slot] = init(env);
        return NO_RETURN;
      };
    }
    case 'if': {
      const test = compile(s.test);
      const then = compileStatement(s.then);
      const otherwise = s.otherwise ? compileStatement(s.otherwise) : () => NO_RETURN;
      return (env) => (test(env) === true ? then(env) : otherwise(env));
    }
    case 'return':
      return compile(s.value);
  }
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
      return compileArithmetic(e);
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
      return (env) => valueEquals(left(env), right(env)) !== negated;
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
      return (env) => left(env) ?? right(env);
    }
    case 'conditional': {
      const [test, then, otherwise] = [compile(e.test), compile(e.then), compile(e.otherwise)];
      return (env) => (test(env) === true ? then(env) : otherwise(env));
    }
    case 'convert': {
      const operand = compile(e.operand);
      const convert = e.convert;
      return (env) => convert(operand(env));
    }
  }
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
  const args = e.args.map(compile);
  const { overload, name } = e;
  return (env) => {
    const value = target(env);
    if (value === SHORT) return SHORT;
    const values = args.map((arg) => arg(env));
    if (!overload.allowsNull) {
      const nullAt = values.findIndex((v, i) => v === null && overload.params[i].name !== 'object');
      if (nullAt >= 0) {
        throw fault(`argument ${nullAt + 1} of ${name} (${displayType(overload.params[nullAt])}) is null`);
      }
    }
    return overload.invoke(value, ...values) ?? null;
  };
}

function compileArithmetic(e: Extract<BoundExpr, { kind: 'arithmetic' }>): Fn {
  const [left, right] = [compile(e.left), compile(e.right)];
  const { op, integer } = e;
  return (env) => {
    const a = left(env) as number | null;
    const b = right(env) as number | null;
    if (a === null || b === null) return null;
    if (!integer) return DOUBLE_OPS[op](a, b);
    if ((op === '/' || op === '%') && b === 0) throw fault('division by zero');
    return INT_OPS[op](a, b);
  };
}

const DOUBLE_OPS: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

/** C# `int` arithmetic: 32-bit two's complement wrap, division truncates toward zero. */
const INT_OPS: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => (a + b) | 0,
  '-': (a, b) => (a - b) | 0,
  '*': (a, b) => Math.imul(a, b),
  '/': (a, b) => Math.trunc(a / b) | 0,
  '%': (a, b) => a % b | 0,
};

const COMPARE: Readonly<Record<string, (a: number | string, b: number | string) => boolean>> = {
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

function comparable(value: unknown): number | string {
  return value instanceof Date ? value.getTime() : (value as number | string);
}

/** `==`: ordinal for strings, by value for numbers, booleans and dates, by reference otherwise. */
function valueEquals(a: unknown, b: unknown): boolean {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull && bNull;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : formatValue(value);
}
