import { libraryConversion } from './library-registry';
import { elementTypeOf } from './member-table';
import { type Type, arrayElement, isAssignable, isValueType, typeEquals, withoutNullable } from './types';

/** How a value of one type becomes another: `identity` (same run-time value) or a conversion function. */
export type Conversion = 'identity' | ((value: unknown) => unknown);

/**
 * C#'s implicit conversion from `from` to `to`, or undefined when there is none: the built-in ones
 * (types.ts), enumerable covariance (`string[]` and `List<string>` are `IEnumerable<string>`, `JArray`
 * is `IEnumerable<JToken>`) and the library slices' implicit conversions (`string` → `JToken`,
 * `JObject` → `JToken`).
 */
export function implicitConversion(from: Type, to: Type): Conversion | undefined {
  if (isAssignable(from, to)) return 'identity';
  if (from.nullable && !to.nullable) return undefined;
  if (to.name === 'IEnumerable' && to.args?.length === 1) {
    const element = elementTypeOf(from);
    if (element && (typeEquals(element, to.args[0]) || referenceConvertible(element, to.args[0]))) return 'identity';
  }
  // C# array covariance: a string[] is an object[] (reference elements only; the values stay as they are).
  const [fromElement, toElement] = [arrayElement(from), arrayElement(to)];
  if (fromElement && toElement && !isValueType(fromElement)) {
    if (typeEquals(fromElement, toElement) || referenceConvertible(fromElement, toElement)) return 'identity';
  }
  const library = libraryConversion(withoutNullable(from), withoutNullable(to), true);
  if (library) return (value) => (value === null || value === undefined ? null : library.convert(value));
  return undefined;
}

/** Covariance keeps the values, so only element types that need no conversion qualify. */
function referenceConvertible(from: Type, to: Type): boolean {
  return to.name === 'object' && !isValueType(from);
}

export function isImplicitlyConvertible(from: Type, to: Type): boolean {
  return implicitConversion(from, to) !== undefined;
}
