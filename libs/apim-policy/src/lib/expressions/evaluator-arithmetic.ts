import type { BoundExpr } from './bound';
import { fault } from './members';

type Fn<E> = (env: E) => unknown;
type Op = (a: number, b: number) => number;

/**
 * C# arithmetic on `int` (32-bit wrap, truncating division), `long` (64-bit wrap through BigInt,
 * kept in the safe-integer range of a JS number), `double` (IEEE) and the logical `& | ^` on `bool`.
 * Integer division or remainder by zero is a fault (DivideByZeroException).
 */
export function compileArithmetic<E>(e: Extract<BoundExpr, { kind: 'arithmetic' }>, left: Fn<E>, right: Fn<E>): Fn<E> {
  const { op, numeric } = e;
  if (numeric === 'bool') {
    const apply = BOOL_OPS[op];
    return (env) => {
      const a = left(env) as boolean | null;
      const b = right(env) as boolean | null;
      return a === null || b === null ? null : apply(a, b);
    };
  }
  const apply = (numeric === 'int' ? INT_OPS : numeric === 'long' ? LONG_OPS : DOUBLE_OPS)[op];
  const integer = numeric !== 'double';
  return (env) => {
    const a = left(env) as number | null;
    const b = right(env) as number | null;
    if (a === null || b === null) return null;
    if (integer && (op === '/' || op === '%') && b === 0) throw fault('division by zero');
    return apply(a, b);
  };
}

const BOOL_OPS: Readonly<Record<string, (a: boolean, b: boolean) => boolean>> = {
  '&': (a, b) => a && b,
  '|': (a, b) => a || b,
  '^': (a, b) => a !== b,
};

const DOUBLE_OPS: Readonly<Record<string, Op>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

/** C# `int` arithmetic: 32-bit two's complement wrap, division truncates toward zero. */
const INT_OPS: Readonly<Record<string, Op>> = {
  '+': (a, b) => (a + b) | 0,
  '-': (a, b) => (a - b) | 0,
  '*': (a, b) => Math.imul(a, b),
  '/': (a, b) => Math.trunc(a / b) | 0,
  '%': (a, b) => a % b | 0,
  '&': (a, b) => a & b,
  '|': (a, b) => a | b,
  '^': (a, b) => a ^ b,
  '<<': (a, b) => a << (b & 31),
  '>>': (a, b) => a >> (b & 31),
  '~': (a) => ~a,
};

const long = (f: (a: bigint, b: bigint) => bigint): Op => {
  return (a, b) => Number(BigInt.asIntN(64, f(BigInt(a), BigInt(b))));
};

/** C# `long` arithmetic through BigInt (64-bit wrap); results beyond 2^53 lose precision as JS numbers. */
const LONG_OPS: Readonly<Record<string, Op>> = {
  '+': long((a, b) => a + b),
  '-': long((a, b) => a - b),
  '*': long((a, b) => a * b),
  '/': long((a, b) => a / b),
  '%': long((a, b) => a % b),
  '&': long((a, b) => a & b),
  '|': long((a, b) => a | b),
  '^': long((a, b) => a ^ b),
  '<<': long((a, b) => a << (b & 63n)),
  '>>': long((a, b) => a >> (b & 63n)),
  '~': long((a) => ~a),
};
