import { JwtValue } from '../context/jwt-value';
import { fault } from './members';
import { type Type, arrayElement, displayType, isValueType } from './types';
import { runtimeTypeName } from './value-format';

type InstanceTest = (value: unknown, type: Type) => boolean | undefined;

/** The library slices' run-time type tests; library-registry.ts registers them (they import this file). */
let libraryTest: InstanceTest = () => undefined;

export function registerInstanceTest(test: InstanceTest): void {
  libraryTest = test;
}

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  byte: [0, 255],
  int: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Whether a run-time value (from an `object`, e.g. a variable) is of `type`; null never is. */
export function isInstanceOf(value: unknown, type: Type): boolean {
  if (value === null || value === undefined) return false;
  const library = libraryTest(value, type);
  if (library !== undefined) return library;
  const range = INTEGER_RANGES[type.name];
  if (range) return typeof value === 'number' && Number.isInteger(value) && value >= range[0] && value <= range[1];
  switch (type.name) {
    case 'object':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'char':
      return typeof value === 'string' && value.length === 1;
    case 'double':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'Jwt':
      return value instanceof JwtValue;
    case 'DateTime':
      return value instanceof Date;
    case 'byte[]':
      return value instanceof Uint8Array;
    case 'Response':
      // A ResponseState (context/gateway-context.ts): what send-request stores in its response variable.
      return typeof value === 'object' && typeof (value as { statusCode?: unknown }).statusCode === 'number';
    case 'List':
    case 'IEnumerable':
      return Array.isArray(value) && value.every((item) => item === null || isInstanceOf(item, type.args?.[0] ?? type));
    default: {
      const element = arrayElement(type);
      if (!element || !Array.isArray(value)) return false;
      return value.every((item) => (item === null ? !isValueType(element) : isInstanceOf(item, element)));
    }
  }
}

/**
 * C#'s unboxing/downcast `(T)value` for a value typed `object`: null stays null for reference
 * types and nullable types, and is a fault for `int`, `bool`, `double`; a value of another type is
 * an InvalidCastException. `what` names the value in the message.
 */
export function castFromObject(value: unknown, type: Type, what: string): unknown {
  if (value === null || value === undefined) {
    if (isValueType(type) && !type.nullable)
      throw fault(`${what} is null and cannot be converted to ${displayType(type)}`);
    return null;
  }
  if (!isInstanceOf(value, type)) {
    throw fault(`${what} is ${article(runtimeTypeName(value))}, not ${article(displayType(type))}`);
  }
  return value;
}

/** `default(T)`: what `GetValueOrDefault<T>(name)` returns for a missing name. */
export function defaultOf(type: Type): unknown {
  if (type.nullable || !isValueType(type)) return null;
  if (type.name === 'bool') return false;
  if (type.name === 'char') return '\0';
  if (type.name in INTEGER_RANGES || type.name === 'double') return 0;
  return null;
}

function article(name: string): string {
  return /^[aeiouAEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}
