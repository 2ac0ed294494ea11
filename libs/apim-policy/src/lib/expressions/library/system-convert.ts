import { type Overload, type TypeMembers, fault, members, method, sig } from '../members';
import { BOOL, CHAR, DATE_TIME, DOUBLE, INT, OBJECT, STRING, type Type } from '../types';
import { formatValue, runtimeTypeName } from '../value-format';
import type { LibraryModule } from './library-module';
import { BYTE_ARRAY, checkSlice } from './system-bytes';
import { withKind } from './system-date-kind';
import { parseDateOrFault } from './system-datetime';
import { round } from './system-math';
import {
  BYTE_RANGE,
  INT_RANGE,
  type IntegralRange,
  LONG_RANGE,
  checkedIntegral,
  orFault,
  tryParseBool,
  tryParseDouble,
  tryParseIntegral,
} from './system-number-parse';
import { BYTE, LONG } from './system-numbers';

/**
 * `System.Convert`: Base64 and hex text ↔ `byte[]`, and `ToInt32`/`ToInt64`/`ToByte`/`ToDouble`/
 * `ToBoolean`/`ToString`/`ToChar`/`ToDateTime` with .NET's rules: a null string converts to 0/false/"",
 * doubles round half to even before the range check (OverflowException), text that is not a
 * number is a FormatException, and an `object` converts by what it holds at run time.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `Convert.FromBase64String`: white space is ignored; anything else that is not Base64 is a FormatException. */
export function fromBase64(text: string): Uint8Array {
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw fault(`"${abbreviate(text)}" is not valid Base64 text (FormatException)`);
  }
  const buffer = Buffer.from(compact, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(text)) {
    throw fault(`"${abbreviate(text)}" is not hexadecimal text of whole bytes (FormatException)`);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

function nonNull<T>(value: T | null, what: string): T {
  if (value === null) throw fault(`Convert: ${what} is null (ArgumentNullException)`);
  return value;
}

/** `Convert.ToInt32(string, fromBase)`: bases 2, 8, 10, 16; 2/8/16 read two's complement like .NET. */
function parseInBase(text: string | null, base: number, range: IntegralRange): number {
  if (text === null) return 0;
  if (![2, 8, 10, 16].includes(base)) throw fault(`Convert: base ${base} is not 2, 8, 10 or 16 (ArgumentException)`);
  if (base === 10) return orFault(tryParseIntegral(text, range));
  const digits = base === 16 ? text.replace(/^0[xX]/, '') : text;
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 16: /^[0-9A-Fa-f]+$/ }[base] as RegExp;
  if (!valid.test(digits)) throw fault(`"${text}" is not a base-${base} number (FormatException)`);
  const bits = range === INT_RANGE ? 32 : 64;
  const big = BigInt(base === 2 ? `0b${digits}` : base === 8 ? `0o${digits}` : `0x${digits}`);
  if (big >= 1n << BigInt(bits)) throw fault(`"${text}" does not fit ${range.name} (OverflowException)`);
  const value = Number(BigInt.asIntN(bits, big));
  return checkedIntegral(value, range);
}

/** A number, bool, text or null converted to an integral type, as Convert.ToInt32(object) does. */
function toIntegral(value: unknown, range: IntegralRange): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return orFault(tryParseIntegral(value, range));
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw fault(`NaN cannot be converted to ${range.name} (OverflowException)`);
    return checkedIntegral(round(value, 0, 'ToEven'), range);
  }
  throw invalidCast(value, range.name);
}

function toDouble(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return orFault(tryParseDouble(value));
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  throw invalidCast(value, 'double');
}

function toBoolean(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return orFault(tryParseBool(value));
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  throw invalidCast(value, 'bool');
}

function invalidCast(value: unknown, to: string): Error {
  return fault(`a ${runtimeTypeName(value)} cannot be converted to ${to} (InvalidCastException)`);
}

/** One overload per source type, most specific first (the checker takes the first that fits). */
function conversions(returns: Type, convert: (value: unknown) => unknown, extra: Overload[] = []): Overload[] {
  const from = (type: Type) => sig<null, [unknown]>([type], returns, (_, v) => convert(v), { allowsNull: true });
  return [from(STRING), from(INT), from(LONG), from(DOUBLE), from(BOOL), ...extra, from(OBJECT)];
}

function integralConversions(type: Type, range: IntegralRange): Overload[] {
  return conversions(type, (v) => toIntegral(v, range), [
    sig<null, [string]>([CHAR], type, (_, c) => checkedIntegral(c.charCodeAt(0), range)),
    sig<null, [string | null, number]>([STRING, INT], type, (_, text, base) => parseInBase(text, base, range), {
      allowsNull: true,
    }),
  ]);
}

function toStringInBase(value: number, base: number, bits: number): string {
  if (![2, 8, 10, 16].includes(base)) throw fault(`Convert: base ${base} is not 2, 8, 10 or 16 (ArgumentException)`);
  if (base === 10) return formatValue(value);
  return BigInt.asUintN(bits, BigInt(value)).toString(base);
}

const ConvertStatics: TypeMembers = members(
  {},
  {
    ToBase64String: method(
      sig<null, [Uint8Array | null]>([BYTE_ARRAY], STRING, (_, b) => toBase64(nonNull(b, 'the byte array')), {
        allowsNull: true,
      }),
      sig<null, [Uint8Array, number, number]>([BYTE_ARRAY, INT, INT], STRING, (_, b, start, count) =>
        toBase64(checkSlice(b, start, count, 'Convert.ToBase64String')),
      ),
    ),
    FromBase64String: method(
      sig<null, [string | null]>([STRING], BYTE_ARRAY, (_, text) => fromBase64(nonNull(text, 'the Base64 text')), {
        allowsNull: true,
      }),
    ),
    ToHexString: method(
      sig<null, [Uint8Array]>([BYTE_ARRAY], STRING, (_, b) => Buffer.from(b).toString('hex').toUpperCase()),
      sig<null, [Uint8Array, number, number]>([BYTE_ARRAY, INT, INT], STRING, (_, b, start, count) =>
        Buffer.from(checkSlice(b, start, count, 'Convert.ToHexString'))
          .toString('hex')
          .toUpperCase(),
      ),
    ),
    FromHexString: method(sig<null, [string]>([STRING], BYTE_ARRAY, (_, text) => fromHex(text))),
    ToInt32: method(...integralConversions(INT, INT_RANGE)),
    ToInt64: method(...integralConversions(LONG, LONG_RANGE)),
    ToByte: method(...integralConversions(BYTE, BYTE_RANGE)),
    ToDouble: method(...conversions(DOUBLE, toDouble)),
    ToBoolean: method(...conversions(BOOL, toBoolean)),
    ToDateTime: method(
      sig<null, [string | null]>(
        [STRING],
        DATE_TIME,
        (_, text) => (text === null ? withKind(new Date(-62_135_596_800_000), 'Unspecified') : parseDateOrFault(text)),
        {
          allowsNull: true,
        },
      ),
      sig<null, [Date]>([DATE_TIME], DATE_TIME, (_, date) => date),
      sig<null, [unknown]>(
        [OBJECT],
        DATE_TIME,
        (_, value) => {
          if (value === null || value === undefined) return withKind(new Date(-62_135_596_800_000), 'Unspecified');
          if (value instanceof Date) return value;
          if (typeof value === 'string') return parseDateOrFault(value);
          throw invalidCast(value, 'DateTime');
        },
        { allowsNull: true },
      ),
    ),
    ToChar: method(
      sig<null, [number]>([INT], CHAR, (_, code) =>
        String.fromCharCode(checkedIntegral(code, { name: 'char', min: 0, max: 0xffff })),
      ),
      sig<null, [string | null]>(
        [STRING],
        CHAR,
        (_, text) => {
          if (text === null || text.length !== 1)
            throw fault(`Convert.ToChar: the string must be exactly one character long (FormatException)`);
          return text;
        },
        { allowsNull: true },
      ),
    ),
    ToString: method(
      sig<null, [number, number]>([INT, INT], STRING, (_, value, base) => toStringInBase(value, base, 32)),
      sig<null, [number, number]>([LONG, INT], STRING, (_, value, base) => toStringInBase(value, base, 64)),
      sig<null, [unknown]>(
        [OBJECT],
        STRING,
        (_, value) => (value === null || value === undefined ? '' : formatValue(value)),
        {
          allowsNull: true,
        },
      ),
    ),
  },
);

export const systemConvert: LibraryModule = {
  staticMembers: { Convert: ConvertStatics, 'System.Convert': ConvertStatics },
};
