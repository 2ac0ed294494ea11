import type { GatewayContext } from '../context/gateway-context';
import { AnonymousObject } from './anonymous-object';
import type { BoundArg, BoundExpr, BoundProgram, BoundStmt, BoundTarget } from './bound';
import { compileArithmetic } from './evaluator-arithmetic';
import { BREAK, CONTINUE, type Env, type Fn, LOOP_BUDGET, NO_RETURN, SHORT, unshort } from './evaluator-env';
import { statementCompiler } from './evaluator-statements';
import { formatWithSpecifier } from './library/system-format';
import { type OutBox, type Property, fault } from './members';
import { displayType } from './types';
import { valueEquals } from './value-equality';
import { formatValue } from './value-format';

/**
 * Turns a checked program into nested closures once, at load time; per request only the closures
 * run. Faults are EvaluationFault; the caller wraps them into ExpressionEvaluationError.
 */
export { LOOP_BUDGET } from './evaluator-env';

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

const { compileBlock } = statementCompiler(compile);

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
        if (length < 0)
          throw fault(`an array cannot have a negative length: new ${displayType(type).slice(0, -2)}[${length}]`);
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
    case 'lambda':
      return compileLambda(e);
  }
}

/** How deep a lambda stored in a Func variable may call itself before the evaluation fails. */
const MAX_RECURSION = 256;

/**
 * A lambda becomes a JS function over the evaluation's locals. Its slots are shared by its calls,
 * which is right for LINQ (one call at a time); a lambda that calls itself through a Func variable
 * saves its frame first, and a runaway recursion is a fault rather than a stack overflow.
 */
function compileLambda(e: Extract<BoundExpr, { kind: 'lambda' }>): Fn {
  const { slots, frame } = e;
  const body = Array.isArray(e.body) ? compileBlock(e.body as readonly BoundStmt[]) : compile(e.body as BoundExpr);
  return (env) => {
    let depth = 0;
    return (...args: unknown[]) => {
      const saved = depth > 0 ? env.locals.slice(frame[0], frame[1]) : undefined;
      depth++;
      try {
        if (depth > MAX_RECURSION) throw fault(`a lambda called itself more than ${MAX_RECURSION} times deep`);
        for (let i = 0; i < slots.length; i++) env.locals[slots[i]] = args[i] ?? null;
        return unshort(body(env));
      } finally {
        depth--;
        if (saved) for (let i = 0; i < saved.length; i++) env.locals[frame[0] + i] = saved[i];
      }
    };
  };
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
