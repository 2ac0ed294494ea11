/**
 * Static types of the expression language. Names are C# names (`string`, `int`, `Jwt`, `JObject`),
 * array types are named `T[]` (`byte[]`, `string[]`), generic types carry their arguments
 * (`{ name: 'List', args: [string] }`), and the context view types use the names of
 * member-table.ts (`Request`, `Url`, `Headers` …). Value types are never null unless `nullable`.
 */
export interface Type {
  readonly name: string;
  readonly nullable?: boolean;
  /** Type arguments of a generic type: `List<string>`, `Dictionary<string, int>`, `Func<JToken, bool>`. */
  readonly args?: readonly Type[];
}

const VALUE_TYPES = new Set(['int', 'long', 'byte', 'double', 'bool', 'char', 'KeyValuePair']);
/** Numeric types, narrowest first: the result of `a op b` is the wider of the two (at least `int`). */
const NUMERIC_RANK: Readonly<Record<string, number>> = { byte: 0, int: 1, long: 2, double: 3 };

export const STRING: Type = { name: 'string' };
export const INT: Type = { name: 'int' };
export const LONG: Type = { name: 'long' };
export const BYTE: Type = { name: 'byte' };
export const DOUBLE: Type = { name: 'double' };
export const BOOL: Type = { name: 'bool' };
export const CHAR: Type = { name: 'char' };
export const OBJECT: Type = { name: 'object' };
export const NULL: Type = { name: 'null' };
export const VOID: Type = { name: 'void' };
export const STRING_ARRAY: Type = { name: 'string[]' };
export const JWT: Type = { name: 'Jwt' };
export const DATE_TIME: Type = { name: 'DateTime' };
/** The result type of a lambda that the method infers (`Select(x => …)`): any type is accepted. */
export const INFERRED: Type = { name: '?' };

export function named(name: string): Type {
  return { name };
}

export function generic(name: string, ...args: Type[]): Type {
  return { name, args };
}

export function arrayOf(element: Type): Type {
  return { name: `${displayType(element)}[]` };
}

export function enumerableOf(element: Type): Type {
  return generic('IEnumerable', element);
}

export function func(...types: Type[]): Type {
  return generic('Func', ...types);
}

/** Names of value types the library slices declare (`Guid`, `TimeSpan`); registered by library-registry.ts. */
export function registerValueTypes(names: readonly string[]): void {
  for (const name of names) VALUE_TYPES.add(name);
}

export function isValueType(type: Type): boolean {
  return VALUE_TYPES.has(type.name);
}

/** Whether a value of this type may be null at run time. */
export function canBeNull(type: Type): boolean {
  return !isValueType(type) || type.nullable === true;
}

export function isNumeric(type: Type): boolean {
  return type.name in NUMERIC_RANK;
}

export function isIntegral(type: Type): boolean {
  return isNumeric(type) && type.name !== 'double';
}

/** The type C# computes `a op b` in: `byte`/`int` → `int`, then `long`, then `double`. */
export function promoted(a: Type, b: Type): Type {
  const rank = Math.max(NUMERIC_RANK[a.name] ?? 1, NUMERIC_RANK[b.name] ?? 1, 1);
  return [BYTE, INT, LONG, DOUBLE][rank];
}

/** `int` → `int?`; reference types are unchanged. */
export function asNullable(type: Type): Type {
  return isValueType(type) && !type.nullable ? { ...type, nullable: true } : type;
}

/** `int?` → `int`. */
export function withoutNullable(type: Type): Type {
  if (!type.nullable) return type;
  return type.args ? { name: type.name, args: type.args } : { name: type.name };
}

export function typeEquals(a: Type, b: Type): boolean {
  if (a.name !== b.name || (a.nullable ?? false) !== (b.nullable ?? false)) return false;
  const [x, y] = [a.args ?? [], b.args ?? []];
  return x.length === y.length && x.every((arg, i) => typeEquals(arg, y[i]));
}

/** `byte[]` → `byte`; undefined for a type that is not an array. */
export function arrayElement(type: Type): Type | undefined {
  if (!type.name.endsWith('[]')) return undefined;
  const inner = type.name.slice(0, -2);
  const nullable = inner.endsWith('?') && !inner.endsWith('[]?');
  const base = nullable ? inner.slice(0, -1) : inner;
  const genericMatch = /^([A-Za-z_][\w.]*)<(.*)>$/.exec(base);
  if (genericMatch) return { name: genericMatch[1], args: splitArgs(genericMatch[2]).map(parseTypeName) };
  return nullable ? { name: base, nullable: true } : { name: base };
}

/** `Dictionary<string, List<int>>` text → Type (for element types of arrays of generic types). */
function parseTypeName(text: string): Type {
  const trimmed = text.trim();
  if (trimmed.endsWith('[]')) return { name: trimmed };
  const match = /^([A-Za-z_][\w.]*)<(.*)>(\??)$/.exec(trimmed);
  if (match) return { name: match[1], args: splitArgs(match[2]).map(parseTypeName), nullable: match[3] === '?' };
  return trimmed.endsWith('?') ? { name: trimmed.slice(0, -1), nullable: true } : { name: trimmed };
}

function splitArgs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/**
 * C#'s built-in implicit conversions: identity, null to reference/nullable, numeric widening
 * (byte → int → long → double), T to T?, anything to object. Library conversions (string → JToken)
 * and enumerable covariance are added by assignability.ts.
 */
export function isAssignable(from: Type, to: Type): boolean {
  if (to.name === 'object') return true;
  if (from.name === 'null') return canBeNull(to);
  if (from.nullable && !to.nullable) return false;
  if (typeEquals(withoutNullable(from), withoutNullable(to))) return true;
  if (isNumeric(from) && isNumeric(to)) return NUMERIC_RANK[from.name] <= NUMERIC_RANK[to.name];
  return false;
}

/** The common type of `a ? x : y` and `x ?? y` branches, or undefined when C# would reject the pair. */
export function unify(a: Type, b: Type): Type | undefined {
  if (a.name === 'null' && isValueType(b)) return asNullable(b);
  if (b.name === 'null' && isValueType(a)) return asNullable(a);
  if (isAssignable(a, b)) return b;
  if (isAssignable(b, a)) return a;
  if (isNumeric(a) && isNumeric(b)) {
    const wide = promoted(a, b);
    return a.nullable || b.nullable ? asNullable(wide) : wide;
  }
  return undefined;
}

/** As C# would print the type: `int?`, `string[]`, `List<string>`, `Jwt`. View types print their C# interface name. */
export function displayType(type: Type): string {
  const base = DISPLAY_NAMES[type.name] ?? type.name;
  const shown = type.args && type.args.length > 0 ? `${base}<${type.args.map(displayType).join(', ')}>` : base;
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
  '?': 'TResult',
};
