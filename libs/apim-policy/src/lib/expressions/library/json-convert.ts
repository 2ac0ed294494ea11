import { MultiValueDictionary, StringDictionary, TimeSpanValue } from '../context-view';
import { fault } from '../members';
import { formatValue } from '../value-format';
import { valueText } from './json-format';
import { parseIsoDate } from './json-parse';
import { type DateKind, kindOf, withKind } from './system-date-kind';
import { DateTimeOffsetValue } from './system-datetimeoffset';
import { UriValue } from './system-uri';
import { JArray, JObject, JProperty, JToken, JValue } from './json-token';

/**
 * Conversions between C# values and JTokens, with Newtonsoft's rules:
 * - `(int)token`, `(string)token` … are Newtonsoft's explicit operators: the token must be a JValue
 *   (a JProperty gives its value) of a fitting kind, else `Can not convert Object to Int32.`;
 *   numbers convert with .NET's `Convert` (`(int)1.5` rounds to even, `(int)"12"` parses).
 * - `Value<T>()` / `Value<T>(key)` convert with `Convert.ChangeType`: a missing token is
 *   `default(T)`, JSON null into a non-nullable value type is an InvalidCastException.
 * - C# values become tokens as Newtonsoft's implicit operators and `JToken.FromObject` make them.
 */

/** The primitive C# targets of casts, `Value<T>` and `ToObject<T>`. */
export type PrimitiveTarget = 'string' | 'int' | 'long' | 'double' | 'bool' | 'DateTime';

const CLR_NAMES: Readonly<Record<PrimitiveTarget, string>> = {
  string: 'String',
  int: 'Int32',
  long: 'Int64',
  double: 'Double',
  bool: 'Boolean',
  DateTime: 'DateTime',
};

const NUMBER_KINDS = new Set(['Integer', 'Float', 'String', 'Boolean']);
const ACCEPTED: Readonly<Record<PrimitiveTarget, ReadonlySet<string>>> = {
  string: new Set(['Date', 'Integer', 'Float', 'String', 'Boolean']),
  int: NUMBER_KINDS,
  long: NUMBER_KINDS,
  double: NUMBER_KINDS,
  bool: NUMBER_KINDS,
  DateTime: new Set(['Date', 'String']),
};

/**
 * Newtonsoft's explicit operator `(T)token`. `nullable` is `(int?)token`: JSON null (or a C# null
 * token) gives null. `(string)` accepts JSON null and gives null.
 */
export function castToken(token: JToken | null, target: PrimitiveTarget, nullable = false): unknown {
  if (token === null) {
    if (nullable || target === 'string') return null;
    throw fault(`Value cannot be null. (a null JToken cast to ${target})`);
  }
  const value = token instanceof JProperty ? token.value : token;
  if (!(value instanceof JValue)) throw cannotConvert(value.type, target);
  if (value.type === 'Null' || value.type === 'Undefined') {
    if (nullable || target === 'string') return null;
    throw cannotConvert(value.type, target);
  }
  if (!ACCEPTED[target].has(value.type)) throw cannotConvert(value.type, target);
  return changeType(value, target);
}

function cannotConvert(kind: string, target: PrimitiveTarget) {
  return fault(`Can not convert ${kind} to ${CLR_NAMES[target]}.`);
}

/**
 * `token.Value<T>()` (Newtonsoft's Extensions.Convert): null token → `default(T)`; a JValue goes
 * through `Convert.ChangeType`; a container cannot become a primitive.
 */
export function convertValue(token: JToken | null, target: PrimitiveTarget, nullable = false): unknown {
  if (token === null) return nullable || target === 'string' ? null : defaultOf(target);
  if (!(token instanceof JValue)) throw fault(`Cannot cast ${clrTokenName(token)} to Newtonsoft.Json.Linq.JToken.`);
  if (token.type === 'Null' || token.type === 'Undefined') {
    if (nullable || target === 'string') return null;
    throw fault(`Null object cannot be converted to a value type. (JSON null read as ${target})`);
  }
  if (target === 'DateTime' && token.type !== 'Date' && token.type !== 'String') {
    throw fault(`Invalid cast from '${clrValueName(token)}' to 'DateTime'.`);
  }
  if (token.type === 'Date' && target !== 'DateTime' && target !== 'string') {
    throw fault(`Invalid cast from 'DateTime' to '${CLR_NAMES[target]}'.`);
  }
  return changeType(token, target);
}

/**
 * A Date token's zone and a DateTime's Kind (system-date-kind.ts) are the same thing: `Z` is Utc,
 * an offset was read as Local (printed `+00:00`, the gateway's zone), no zone is Unspecified.
 */
const KIND_OF_ZONE: Readonly<Record<JValue['zone'], DateKind>> = {
  utc: 'Utc',
  offset: 'Local',
  unspecified: 'Unspecified',
};
const ZONE_OF_KIND: Readonly<Record<DateKind, JValue['zone']>> = {
  Utc: 'utc',
  Local: 'offset',
  Unspecified: 'unspecified',
};

/** A DateTime as a Date token, keeping its Kind. */
export function dateToken(date: Date): JValue {
  return new JValue('Date', new Date(date), ZONE_OF_KIND[kindOf(date)]);
}

/** `default(DateTime)`: 0001-01-01T00:00:00. */
function DEFAULT_DATE_TIME(): Date {
  const date = new Date(0);
  date.setUTCFullYear(1, 0, 1);
  return date;
}

function defaultOf(target: PrimitiveTarget): unknown {
  if (target === 'bool') return false;
  if (target === 'DateTime') return DEFAULT_DATE_TIME();
  return 0;
}

/** .NET `Convert.ToXxx(value, InvariantCulture)` for one JValue. */
function changeType(token: JValue, target: PrimitiveTarget): unknown {
  const value = token.value;
  switch (target) {
    case 'string':
      return valueText(token);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const text = value.trim().toLowerCase();
        if (text === 'true' || text === 'false') return text === 'true';
        throw fault(`String '${value}' was not recognized as a valid Boolean.`);
      }
      return Number(value) !== 0;
    case 'double':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string') return parseDouble(value);
      return Number(value);
    case 'int':
    case 'long':
      return toInteger(value, target);
    case 'DateTime':
      if (value instanceof Date) return withKind(new Date(value), KIND_OF_ZONE[token.zone]);
      return parseDate(String(value));
  }
}

const INTEGER_LIMITS: Readonly<Record<'int' | 'long', readonly [number, number]>> = {
  int: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function toInteger(value: unknown, target: 'int' | 'long'): number {
  let n: number;
  if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string') {
    if (!/^\s*[+-]?\d+\s*$/.test(value)) throw fault('Input string was not in a correct format.');
    n = Number(value);
  } else n = roundToEven(Number(value));
  const [min, max] = INTEGER_LIMITS[target];
  if (!Number.isFinite(n) || n < min || n > max) {
    const range = target === 'long' ? ' (this gateway keeps long values within ±9007199254740991)' : '';
    throw fault(`Value was either too large or too small for an ${CLR_NAMES[target]}.${range}`);
  }
  return n;
}

/** .NET's `Convert.ToInt32(double)`: halves round to the even neighbour. */
export function roundToEven(n: number): number {
  const floor = Math.floor(n);
  const diff = n - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function parseDouble(text: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    throw fault('Input string was not in a correct format.');
  }
  return Number(trimmed);
}

function parseDate(text: string): Date {
  const iso = parseIsoDate(text.trim());
  if (iso) return withKind(iso.value as Date, KIND_OF_ZONE[iso.zone]);
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (dateOnly) return new Date(Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3])));
  throw fault(`String '${text}' was not recognized as a valid DateTime.`);
}

function clrValueName(token: JValue): string {
  if (token.type === 'Integer') return 'System.Int64';
  if (token.type === 'Float') return 'System.Double';
  if (token.type === 'Boolean') return 'System.Boolean';
  return 'System.String';
}

export function clrTokenName(token: JToken): string {
  return `Newtonsoft.Json.Linq.${token.constructor.name}`;
}

/** `(JObject)token`: a downcast that fails like .NET's InvalidCastException. */
export function downcast<T extends JToken>(token: JToken, type: abstract new (...args: never[]) => T): T {
  if (token instanceof type) return token;
  throw fault(`Unable to cast object of type '${clrTokenName(token)}' to type 'Newtonsoft.Json.Linq.${type.name}'.`);
}

const MAX_FROM_OBJECT_DEPTH = 64;

/**
 * A C# value as a token: `JToken.FromObject`, `new JValue(x)`, `new JArray(x, …)`, implicit
 * operators. Numbers typed `object` lose their C# kind at run time: whole ones become Integer.
 */
export function toToken(value: unknown, depth = 0): JToken {
  if (depth > MAX_FROM_OBJECT_DEPTH) throw fault(`the value is nested deeper than ${MAX_FROM_OBJECT_DEPTH} levels`);
  if (value instanceof JToken) return value;
  if (value === null || value === undefined) return JValue.null();
  if (typeof value === 'string') return JValue.string(value);
  if (typeof value === 'boolean') return JValue.boolean(value);
  if (typeof value === 'number') return Number.isInteger(value) ? JValue.integer(value) : JValue.float(value);
  if (typeof value === 'bigint') return JValue.integer(value);
  if (value instanceof Date) return dateToken(value);
  if (value instanceof Uint8Array) return JValue.string(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) {
    const array = new JArray();
    for (const item of value) array.add(toToken(item, depth + 1));
    return array;
  }
  if (value instanceof Map) {
    const object = new JObject();
    for (const [key, item] of value) object.set(String(key), toToken(item, depth + 1));
    return object;
  }
  if (value instanceof URL) return JValue.string(value.href);
  // The context's dictionaries (headers, query, matched parameters) serialise as objects.
  if (value instanceof MultiValueDictionary || value instanceof StringDictionary) {
    const object = new JObject();
    for (const name of value.names) object.set(name, toToken(value.get(name) ?? null, depth + 1));
    return object;
  }
  // Newtonsoft writes a DateTimeOffset in ISO form with its offset, a Uri as its original text.
  if (value instanceof DateTimeOffsetValue) return JValue.string(value.formatWith('yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz'));
  if (value instanceof UriValue) return JValue.string(value.original);
  // Guid, TimeSpan and other formattable library values serialise as their text, as Newtonsoft writes them.
  if (value instanceof TimeSpanValue || hasFormat(value)) return JValue.string(formatValue(value));
  const anonymous = anonymousMembers(value);
  if (anonymous) {
    const object = new JObject();
    anonymous.names.forEach((name, i) => object.set(name, toToken(anonymous.values[i], depth + 1)));
    return object;
  }
  if (isIterable(value)) {
    const items = [...value];
    if (items.length > 0 && items.every(isPair)) {
      const object = new JObject();
      for (const pair of items) object.set(String(pair.key), toToken(pair.value, depth + 1));
      return object;
    }
    const array = new JArray();
    for (const item of items) array.add(toToken(item, depth + 1));
    return array;
  }
  if (isPlainRecord(value)) {
    const object = new JObject();
    for (const [key, item] of Object.entries(value)) object.set(key, toToken(item, depth + 1));
    return object;
  }
  throw fault(`JToken.FromObject cannot convert a ${describe(value)}`);
}

/** `new { a = 1 }` (anonymous-object.ts): names and values in the written order. */
function anonymousMembers(value: unknown): { names: readonly string[]; values: readonly unknown[] } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { names, values } = value as { names?: unknown; values?: unknown };
  return Array.isArray(names) && Array.isArray(values) && names.length === values.length
    ? { names: names as string[], values }
    : undefined;
}

function hasFormat(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { formatWith?: unknown }).formatWith === 'function'
  );
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}

/** A dictionary entry (`KeyValuePair`): dictionaries serialise as objects. */
function isPair(item: unknown): item is { key: unknown; value: unknown } {
  return typeof item === 'object' && item !== null && 'key' in item && 'value' in item && !(item instanceof JToken);
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}
