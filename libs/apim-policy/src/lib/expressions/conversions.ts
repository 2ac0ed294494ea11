import { JwtValue } from '../context/jwt-value';
import { fault } from './members';
import { type Type, displayType, isValueType } from './types';
import { runtimeTypeName } from './value-format';

/** Whether a run-time value (from an `object`, e.g. a variable) is of `type`; null never is. */
export function isInstanceOf(value: unknown, type: Type): boolean {
  switch (type.name) {
    case 'object':
      return value !== null && value !== undefined;
    case 'string':
      return typeof value === 'string';
    case 'char':
      return typeof value === 'string' && value.length === 1;
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'double':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'Jwt':
      return value instanceof JwtValue;
    case 'DateTime':
      return value instanceof Date;
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    default:
      return false;
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
  return 0;
}

function article(name: string): string {
  return /^[aeiouAEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}
