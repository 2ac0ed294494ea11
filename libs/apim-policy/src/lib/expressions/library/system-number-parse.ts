import { fault } from '../members';

/**
 * .NET's invariant-culture number and boolean parsing (`int.Parse`, `double.Parse`, `bool.Parse`,
 * `Convert.ToInt32(string)`): surrounding white space and a leading sign are allowed; a malformed
 * text is a FormatException and a value out of range an OverflowException, both faults here.
 * `long` is a JS number, so it is limited to the safe-integer range ±(2^53 − 1).
 */

export interface IntegralRange {
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

export const INT_RANGE: IntegralRange = { name: 'int', min: -2_147_483_648, max: 2_147_483_647 };
export const LONG_RANGE: IntegralRange = {
  name: 'long',
  min: Number.MIN_SAFE_INTEGER,
  max: Number.MAX_SAFE_INTEGER,
};
export const BYTE_RANGE: IntegralRange = { name: 'byte', min: 0, max: 255 };

/** Result of a parse that did not throw: the value, or why it failed. */
type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const WHITE = /^[\s\u00a0]+|[\s\u00a0]+$/g;

export function tryParseIntegral(text: string | null, range: IntegralRange): Parsed<number> {
  if (text === null) return { ok: false, error: `${range.name}.Parse: the text is null (ArgumentNullException)` };
  const trimmed = text.replace(WHITE, '');
  if (!/^[+-]?\d+$/.test(trimmed)) {
    return { ok: false, error: `"${text}" is not a valid ${range.name} (FormatException)` };
  }
  const value = Number(trimmed);
  if (value < range.min || value > range.max || !Number.isSafeInteger(value)) {
    return {
      ok: false,
      error: `"${text}" is outside the ${range.name} range ${range.min}..${range.max} (OverflowException)`,
    };
  }
  return { ok: true, value: value === 0 ? 0 : value };
}

/** `double.Parse`: decimal point, exponent, `,` group separators (invariant culture), `Infinity`, `NaN`, `∞`. */
export function tryParseDouble(text: string | null): Parsed<number> {
  if (text === null) return { ok: false, error: 'double.Parse: the text is null (ArgumentNullException)' };
  const trimmed = text.replace(WHITE, '');
  const special = /^([+-]?)(infinity|∞|nan)$/i.exec(trimmed);
  if (special) {
    if (special[2].toLowerCase() === 'nan') return { ok: true, value: NaN };
    return { ok: true, value: special[1] === '-' ? -Infinity : Infinity };
  }
  if (!/^[+-]?(\d[\d,]*)?(\.\d*)?([eE][+-]?\d+)?$/.test(trimmed) || !/\d/.test(trimmed.replace(/[eE].*$/, ''))) {
    return { ok: false, error: `"${text}" is not a valid double (FormatException)` };
  }
  return { ok: true, value: Number(trimmed.replace(/,/g, '')) };
}

export function tryParseBool(text: string | null): Parsed<boolean> {
  if (text === null) return { ok: false, error: 'bool.Parse: the text is null (ArgumentNullException)' };
  const trimmed = text.replace(/^[\s\u00a0\0]+|[\s\u00a0\0]+$/g, '').toLowerCase();
  if (trimmed === 'true') return { ok: true, value: true };
  if (trimmed === 'false') return { ok: true, value: false };
  return { ok: false, error: `"${text}" is not a valid bool; write True or False (FormatException)` };
}

/** The value, or a fault with the parse error. */
export function orFault<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw fault(parsed.error);
  return parsed.value;
}

/** A whole number checked against `range` (OverflowException otherwise), for conversions. */
export function checkedIntegral(value: number, range: IntegralRange): number {
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw fault(`${value} is outside the ${range.name} range ${range.min}..${range.max} (OverflowException)`);
  }
  return value;
}
