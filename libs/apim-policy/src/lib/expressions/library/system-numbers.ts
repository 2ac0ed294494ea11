import { type Overload, type TypeMembers, members, method, prop, sig } from '../members';
import { BOOL, DOUBLE, INT, STRING, type Type, named } from '../types';
import { formatValue } from '../value-format';
import type { LibraryModule } from './library-module';
import { formatWithSpecifier } from './system-format';
import {
  BYTE_RANGE,
  INT_RANGE,
  type IntegralRange,
  LONG_RANGE,
  orFault,
  tryParseBool,
  tryParseDouble,
  tryParseIntegral,
} from './system-number-parse';

/**
 * `int`/`Int32`, `long`/`Int64`, `byte`/`Byte`, `double`/`Double`, `bool`/`Boolean` static members
 * (`Parse`, `TryParse(s, out n)`, `MaxValue` …) and the instance members of `long` and `byte`.
 * All numbers are JS numbers at run time; `long` covers the safe-integer range ±(2^53 − 1) only,
 * so `long.MaxValue` is 9007199254740991 here (9223372036854775807 in .NET).
 */

export const LONG: Type = named('long');
export const BYTE: Type = named('byte');

/** What an `out` argument receives (members.ts `OutBox`). */
interface Box {
  value: unknown;
}

/** An overload whose parameters at `indexes` are `out` parameters. */
export function withOutParams(overload: Overload, indexes: readonly number[]): Overload {
  return Object.assign(overload, { outParams: indexes });
}

function tryParse<T>(parse: (text: string | null) => { ok: boolean; value?: T }, type: Type, fallback: T): Overload {
  return withOutParams(
    sig<null, [string | null, Box]>(
      [STRING, type],
      BOOL,
      (_, text, box) => {
        const parsed = parse(text);
        box.value = parsed.ok ? parsed.value : fallback;
        return parsed.ok;
      },
      { allowsNull: true },
    ),
    [1],
  );
}

function integralStatics(type: Type, range: IntegralRange): TypeMembers {
  const parse = (text: string | null) => tryParseIntegral(text, range);
  return members(
    { MaxValue: prop(type, () => range.max), MinValue: prop(type, () => range.min) },
    {
      Parse: method(
        sig<null, [string | null]>([STRING], type, (_, text) => orFault(parse(text)), { allowsNull: true }),
      ),
      TryParse: method(tryParse(parse, type, 0)),
    },
  );
}

const IntStatics = integralStatics(INT, INT_RANGE);
const LongStatics = integralStatics(LONG, LONG_RANGE);
const ByteStatics = integralStatics(BYTE, BYTE_RANGE);

const DoubleStatics = members(
  {
    MaxValue: prop(DOUBLE, () => Number.MAX_VALUE),
    MinValue: prop(DOUBLE, () => -Number.MAX_VALUE),
    Epsilon: prop(DOUBLE, () => Number.MIN_VALUE),
    NaN: prop(DOUBLE, () => NaN),
    PositiveInfinity: prop(DOUBLE, () => Infinity),
    NegativeInfinity: prop(DOUBLE, () => -Infinity),
  },
  {
    Parse: method(
      sig<null, [string | null]>([STRING], DOUBLE, (_, text) => orFault(tryParseDouble(text)), { allowsNull: true }),
    ),
    TryParse: method(tryParse(tryParseDouble, DOUBLE, 0)),
    IsNaN: method(sig<null, [number]>([DOUBLE], BOOL, (_, n) => Number.isNaN(n))),
    IsInfinity: method(sig<null, [number]>([DOUBLE], BOOL, (_, n) => n === Infinity || n === -Infinity)),
    IsPositiveInfinity: method(sig<null, [number]>([DOUBLE], BOOL, (_, n) => n === Infinity)),
    IsNegativeInfinity: method(sig<null, [number]>([DOUBLE], BOOL, (_, n) => n === -Infinity)),
  },
);

const BoolStatics = members(
  { TrueString: prop(STRING, () => 'True'), FalseString: prop(STRING, () => 'False') },
  {
    Parse: method(
      sig<null, [string | null]>([STRING], BOOL, (_, text) => orFault(tryParseBool(text)), { allowsNull: true }),
    ),
    TryParse: method(tryParse(tryParseBool, BOOL, false)),
  },
);

/** `CompareTo` as .NET: -1, 0 or 1 (NaN sorts first). */
export function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `ToString()`, `ToString(format)`, `CompareTo`, `Equals` of a numeric type. */
export function numericInstanceMembers(type: Type): TypeMembers {
  return members(
    {},
    {
      ToString: method(
        sig<number, []>([], STRING, (n) => formatValue(n)),
        sig<number, [string | null]>([STRING], STRING, (n, format) => formatWithSpecifier(n, format ?? ''), {
          allowsNull: true,
        }),
      ),
      CompareTo: method(sig<number, [number]>([type], INT, (n, other) => compareNumbers(n, other))),
      Equals: method(
        sig<number, [number]>([type], BOOL, (n, other) => n === other || (Number.isNaN(n) && Number.isNaN(other))),
      ),
    },
  );
}

const LongMembers = numericInstanceMembers(LONG);
const ByteMembers = numericInstanceMembers(BYTE);

const aliases = (statics: TypeMembers, ...names: string[]) => Object.fromEntries(names.map((name) => [name, statics]));

export const systemNumbers: LibraryModule = {
  staticMembers: {
    ...aliases(IntStatics, 'int', 'Int32', 'System.Int32'),
    ...aliases(LongStatics, 'long', 'Int64', 'System.Int64'),
    ...aliases(ByteStatics, 'byte', 'Byte', 'System.Byte'),
    ...aliases(DoubleStatics, 'double', 'Double', 'System.Double'),
    ...aliases(BoolStatics, 'bool', 'Boolean', 'System.Boolean'),
  },
  valueTypes: ['long', 'byte'],
  instanceMembers(type) {
    if (type.name === 'long') return LongMembers;
    if (type.name === 'byte') return ByteMembers;
    return undefined;
  },
  isInstanceOf(value, type) {
    if (type.name === 'long') return Number.isSafeInteger(value);
    if (type.name === 'byte') return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255;
    return undefined;
  },
};
