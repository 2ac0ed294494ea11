/**
 * C#'s `==` / `Equals` for run-time values: strings ordinally, numbers, booleans and dates by
 * value, byte arrays by reference, everything else by reference (or its own `equals(other)` when
 * a library value defines one: Guid, TimeSpan …).
 */
export function valueEquals(a: unknown, b: unknown): boolean {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull && bNull;
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' && typeof (a as { equals?: unknown }).equals === 'function') {
    return (a as { equals(other: unknown): boolean }).equals(b) === true;
  }
  return false;
}

/** A key for hashing (Distinct, GroupBy, Dictionary): equal values give equal keys. */
export function equalityKey(value: unknown): unknown {
  if (value instanceof Date) return `date:${value.getTime()}`;
  if (value !== null && typeof value === 'object' && typeof (value as { toString?: unknown }).toString === 'function') {
    const equals = (value as { equals?: unknown }).equals;
    if (typeof equals === 'function') return `value:${String(value)}`;
  }
  return value;
}
