import { type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { DOUBLE, INT, type Type, named } from '../types';
import type { LibraryModule } from './library-module';
import { INT_RANGE, type IntegralRange, LONG_RANGE, checkedIntegral } from './system-number-parse';
import { LONG } from './system-numbers';

/**
 * `System.Math` and `System.MidpointRounding`. Overloads keep C#'s result types (`Math.Abs(int)` is
 * an `int`, `Math.Max(long, long)` a `long`); integral results that overflow are OverflowException
 * faults. `Math.Round` rounds half to even unless a MidpointRounding says otherwise, and rounds to
 * `digits` by .NET Core's own scale-round-unscale steps, so results match .NET's doubles exactly.
 */

const MIDPOINT = named('MidpointRounding');
const MODES = ['ToEven', 'AwayFromZero', 'ToZero', 'ToNegativeInfinity', 'ToPositiveInfinity'] as const;
type Mode = (typeof MODES)[number];

const MidpointRounding = members(Object.fromEntries(MODES.map((mode) => [mode, prop(MIDPOINT, () => mode)])));

function roundWhole(value: number, mode: Mode): number {
  if (!Number.isFinite(value)) return value;
  switch (mode) {
    case 'ToZero':
      return Math.trunc(value);
    case 'ToNegativeInfinity':
      return Math.floor(value);
    case 'ToPositiveInfinity':
      return Math.ceil(value);
    case 'AwayFromZero': {
      const whole = Math.trunc(value);
      return Math.abs(value - whole) >= 0.5 ? whole + Math.sign(value) : whole;
    }
    default: {
      const floor = Math.floor(value);
      const diff = value - floor;
      if (diff > 0.5) return floor + 1;
      if (diff < 0.5) return floor;
      return floor % 2 === 0 ? floor : floor + 1;
    }
  }
}

/** .NET's `Math.Round(double, int, MidpointRounding)`. */
export function round(value: number, digits: number, mode: Mode): number {
  if (digits < 0 || digits > 15)
    throw fault(`Math.Round: digits must be 0..15, not ${digits} (ArgumentOutOfRangeException)`);
  if (Math.abs(value) >= 1e16 || !Number.isFinite(value)) return value;
  const power = 10 ** digits;
  const rounded = roundWhole(value * power, mode) / power;
  return rounded === 0 ? 0 * Math.sign(value) || 0 : rounded;
}

/** `Math.Clamp`: min greater than max is an ArgumentException, as .NET. */
function clamp(value: number, min: number, max: number): number {
  if (min > max) throw fault(`Math.Clamp: min ${min} is greater than max ${max} (ArgumentException)`);
  return Math.min(Math.max(value, min), max);
}

function modeOf(text: string): Mode {
  return (MODES as readonly string[]).includes(text) ? (text as Mode) : 'ToEven';
}

/** The same operation for int, long (checked against their ranges) and double, in that order. */
function integralAndDouble(
  arity: 1 | 2,
  op: (a: number, b: number) => number,
  ranges: readonly [Type, IntegralRange][] = [
    [INT, INT_RANGE],
    [LONG, LONG_RANGE],
  ],
): Overload[] {
  const integral = ranges.map(([type, range]) =>
    sig<null, number[]>(Array(arity).fill(type) as Type[], type, (_, a, b) => checkedIntegral(op(a, b), range)),
  );
  return [...integral, sig<null, number[]>(Array(arity).fill(DOUBLE) as Type[], DOUBLE, (_, a, b) => op(a, b))];
}

const double1 = (op: (x: number) => number) => method(sig<null, [number]>([DOUBLE], DOUBLE, (_, x) => op(x)));
const double2 = (op: (x: number, y: number) => number) =>
  method(sig<null, [number, number]>([DOUBLE, DOUBLE], DOUBLE, (_, x, y) => op(x, y)));

const MathStatics: TypeMembers = members(
  { PI: prop(DOUBLE, () => Math.PI), E: prop(DOUBLE, () => Math.E) },
  {
    Abs: method(...integralAndDouble(1, (a) => Math.abs(a))),
    Min: method(...integralAndDouble(2, (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)))),
    Max: method(...integralAndDouble(2, (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)))),
    Sign: method(
      sig<null, [number]>([INT], INT, (_, x) => Math.sign(x)),
      sig<null, [number]>([LONG], INT, (_, x) => Math.sign(x)),
      sig<null, [number]>([DOUBLE], INT, (_, x) => {
        if (Number.isNaN(x)) throw fault('Math.Sign: the value is NaN (ArithmeticException)');
        return Math.sign(x) || 0;
      }),
    ),
    Round: method(
      sig<null, [number]>([DOUBLE], DOUBLE, (_, x) => round(x, 0, 'ToEven')),
      sig<null, [number, number]>([DOUBLE, INT], DOUBLE, (_, x, digits) => round(x, digits, 'ToEven')),
      sig<null, [number, string]>([DOUBLE, MIDPOINT], DOUBLE, (_, x, mode) => round(x, 0, modeOf(mode))),
      sig<null, [number, number, string]>([DOUBLE, INT, MIDPOINT], DOUBLE, (_, x, digits, mode) =>
        round(x, digits, modeOf(mode)),
      ),
    ),
    Clamp: method(
      ...[INT, LONG, DOUBLE].map((type) =>
        sig<null, [number, number, number]>([type, type, type], type, (_, value, min, max) => clamp(value, min, max)),
      ),
    ),
    Floor: double1(Math.floor),
    Ceiling: double1(Math.ceil),
    Truncate: double1(Math.trunc),
    Sqrt: double1(Math.sqrt),
    Pow: double2(Math.pow),
    Exp: double1(Math.exp),
    Log: method(
      sig<null, [number]>([DOUBLE], DOUBLE, (_, x) => Math.log(x)),
      sig<null, [number, number]>([DOUBLE, DOUBLE], DOUBLE, (_, x, base) => Math.log(x) / Math.log(base)),
    ),
    Log10: double1(Math.log10),
    Log2: double1(Math.log2),
    Sin: double1(Math.sin),
    Cos: double1(Math.cos),
    Tan: double1(Math.tan),
    Atan: double1(Math.atan),
    Asin: double1(Math.asin),
    Acos: double1(Math.acos),
    Sinh: double1(Math.sinh),
    Cosh: double1(Math.cosh),
    Tanh: double1(Math.tanh),
    Cbrt: double1(Math.cbrt),
    IEEERemainder: double2((x, y) => x - y * round(x / y, 0, 'ToEven')),
    Atan2: double2(Math.atan2),
  },
);

export const systemMath: LibraryModule = {
  staticMembers: {
    Math: MathStatics,
    'System.Math': MathStatics,
    MidpointRounding,
    'System.MidpointRounding': MidpointRounding,
  },
};
