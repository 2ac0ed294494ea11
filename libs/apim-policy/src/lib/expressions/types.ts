/**
 * Static types of the expression subset. Names are C# names (`string`, `int`, `Jwt`) or the names of
 * the context view types in member-table.ts (`Request`, `Url`, `Headers` …). Only `int`, `double`,
 * `bool` and `char` are value types: they are never null unless `nullable` (`int?`, from `?.`).
 */
export interface Type {
  readonly name: string;
  readonly nullable?: boolean;
}

const VALUE_TYPES = new Set(['int', 'double', 'bool', 'char']);

export const STRING: Type = { name: 'string' };
export const INT: Type = { name: 'int' };
export const DOUBLE: Type = { name: 'double' };
export const BOOL: Type = { name: 'bool' };
export const CHAR: Type = { name: 'char' };
export const OBJECT: Type = { name: 'object' };
export const NULL: Type = { name: 'null' };
export const STRING_ARRAY: Type = { name: 'string[]' };
export const JWT: Type = { name: 'Jwt' };
export const DATE_TIME: Type = { name: 'DateTime' };

export function named(name: string): Type {
  return { name };
}

export function isValueType(type: Type): boolean {
  return VALUE_TYPES.has(type.name);
}

/** Whether a value of this type may be null at run time. */
export function canBeNull(type: Type): boolean {
  return !isValueType(type) || type.nullable === true;
}

export function isNumeric(type: Type): boolean {
  return type.name === 'int' || type.name === 'double';
}

/** `int` → `int?`; reference types are unchanged. */
export function asNullable(type: Type): Type {
  return isValueType(type) && !type.nullable ? { name: type.name, nullable: true } : type;
}

/** `int?` → `int`. */
export function withoutNullable(type: Type): Type {
  return type.nullable ? { name: type.name } : type;
}

export function typeEquals(a: Type, b: Type): boolean {
  return a.name === b.name && (a.nullable ?? false) === (b.nullable ?? false);
}

/** C#'s implicit conversions within the subset: identity, null to reference/nullable, int to double, T to T?, anything to object. */
export function isAssignable(from: Type, to: Type): boolean {
  if (to.name === 'object') return true;
  if (from.name === 'null') return canBeNull(to);
  if (from.nullable && !to.nullable) return false;
  if (from.name === to.name) return true;
  return from.name === 'int' && to.name === 'double';
}

/** The common type of `a ? x : y` and `x ?? y` branches, or undefined when C# would reject the pair. */
export function unify(a: Type, b: Type): Type | undefined {
  if (a.name === 'null' && isValueType(b)) return asNullable(b);
  if (b.name === 'null' && isValueType(a)) return asNullable(a);
  if (isAssignable(a, b)) return b;
  if (isAssignable(b, a)) return a;
  if (isNumeric(a) && isNumeric(b)) return a.nullable || b.nullable ? { name: 'double', nullable: true } : DOUBLE;
  return undefined;
}

/** As C# would print the type: `int?`, `string[]`, `Jwt`. View types print their C# interface name. */
export function displayType(type: Type): string {
  const shown = DISPLAY_NAMES[type.name] ?? type.name;
  return type.nullable ? `${shown}?` : shown;
}

const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  Context: 'IProxyRequestContext',
  Request: 'IRequest',
  Response: 'IResponse',
  Url: 'IUrl',
  StringArrayDictionary: 'IReadOnlyDictionary<string, string[]>',
  StringDictionary: 'IReadOnlyDictionary<string, string>',
  Variables: 'IReadOnlyDictionary<string, object>',
  Subscription: 'ISubscription',
  Api: 'IApi',
  Operation: 'IOperation',
  Product: 'IProduct',
  LastError: 'ILastError',
  Deployment: 'IDeployment',
  User: 'IUser',
  null: 'null',
};
