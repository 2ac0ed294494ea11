import { type Method, type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, DATE_TIME, DOUBLE, INT, LONG, OBJECT, STRING, type Type } from '../types';
import { dateToken, toToken } from './json-convert';
import { type Formatting, writeJson } from './json-format';
import { FORMATTING, JARRAY, JOBJECT, JPROPERTY, JTOKEN, JTOKEN_TYPE, JVALUE } from './json-members';
import { tokenReader } from './json-readers';
import { type ParseTarget, parseJson } from './json-parse';
import {
  JArray,
  JObject,
  JProperty,
  JToken,
  JTOKEN_TYPE_NAMES,
  JValue,
  deepEquals,
  jsonTypeName,
  tokenOrNull,
} from './json-token';

/** Static members and constructors: `JObject.Parse`, `JsonConvert.SerializeObject`, `JTokenType.Object`, `new JObject(…)`. */

function parse(target: ParseTarget, type: Type): Method {
  return method(sig<null, [string]>([STRING], type, (_, text) => parseJson(text, target)));
}

const fromObject = (type: Type, check?: (token: JToken) => void): Method =>
  method(
    sig<null, [unknown]>([OBJECT], type, (_, value) => {
      if (value === null) throw fault("Value cannot be null. (Parameter 'o')");
      const token = toToken(value);
      check?.(token);
      return token;
    }),
  );

const JTokenStatics = members(
  {},
  {
    Parse: parse('JToken', JTOKEN),
    FromObject: fromObject(JTOKEN),
    DeepEquals: method(
      sig<null, [JToken | null, JToken | null]>([JTOKEN, JTOKEN], BOOL, (_, a, b) => deepEquals(a, b), {
        allowsNull: true,
      }),
    ),
  },
);

const JObjectStatics = members(
  {},
  {
    Parse: parse('JObject', JOBJECT),
    FromObject: fromObject(JOBJECT, (token) => {
      if (!(token instanceof JObject)) {
        throw fault(`Object serialized to ${token.type}. JObject instance expected.`);
      }
    }),
  },
);

const JArrayStatics = members(
  {},
  {
    Parse: parse('JArray', JARRAY),
    FromObject: fromObject(JARRAY, (token) => {
      if (!(token instanceof JArray)) throw fault(`Object serialized to ${token.type}. JArray instance expected.`);
    }),
  },
);

const JValueStatics = members(
  {},
  {
    CreateNull: method(sig<null, []>([], JVALUE, () => JValue.null())),
    CreateString: method(
      sig<null, [string | null]>([STRING], JVALUE, (_, s) => (s === null ? JValue.null() : JValue.string(s)), {
        allowsNull: true,
      }),
    ),
  },
);

const JTokenTypeStatics = members(
  Object.fromEntries(JTOKEN_TYPE_NAMES.map((name) => [name, prop(JTOKEN_TYPE, () => name)])),
);

const FormattingStatics = members({
  None: prop(FORMATTING, () => 'None'),
  Indented: prop(FORMATTING, () => 'Indented'),
});

/** A token's plain value for `DeserializeObject(text)` (object): containers stay tokens. */
function plain(token: JToken): unknown {
  if (!(token instanceof JValue)) return token;
  return typeof token.value === 'bigint' ? Number(token.value) : token.value;
}

const serialize = (value: unknown, formatting: Formatting) => writeJson(toToken(value), formatting);

const deserialize: Method = {
  overloads: [sig<null, [string]>([STRING], OBJECT, (_, text) => plain(parseJson(text)))],
  generic(type: Type): readonly Overload[] | undefined {
    const read = tokenReader(type, true);
    if (!read) return undefined;
    const target: ParseTarget = type.name === 'JObject' ? 'JObject' : type.name === 'JArray' ? 'JArray' : 'JToken';
    return [
      sig<null, [string]>([STRING], type, (_, text) => {
        const token = parseJson(text, target);
        return read(token instanceof JValue && token.type === 'Null' && type.name !== 'JValue' ? null : token);
      }),
    ];
  },
};

const JsonConvertStatics = members(
  {},
  {
    SerializeObject: method(
      sig<null, [unknown]>([OBJECT], STRING, (_, value) => serialize(value, 'None'), { allowsNull: true }),
      sig<null, [unknown, Formatting]>([OBJECT, FORMATTING], STRING, (_, value, f) => serialize(value, f), {
        allowsNull: true,
      }),
    ),
    DeserializeObject: deserialize,
    ToString: method(
      sig<null, [unknown]>([OBJECT], STRING, (_, value) => serialize(value, 'None'), { allowsNull: true }),
    ),
  },
);

const NAMESPACE = 'Newtonsoft.Json.Linq.';

export const JSON_STATIC_MEMBERS: Readonly<Record<string, TypeMembers>> = withQualified({
  JToken: JTokenStatics,
  JObject: JObjectStatics,
  JArray: JArrayStatics,
  JValue: JValueStatics,
  JTokenType: JTokenTypeStatics,
  Formatting: FormattingStatics,
  JsonConvert: JsonConvertStatics,
});

/** `JObject` is also reachable as `Newtonsoft.Json.Linq.JObject`; `Formatting` and `JsonConvert` as `Newtonsoft.Json.…`. */
export function withQualified<T>(table: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = { ...table };
  for (const [name, value] of Object.entries(table)) {
    const space = name === 'Formatting' || name === 'JsonConvert' ? 'Newtonsoft.Json.' : NAMESPACE;
    out[`${space}${name}`] = value;
  }
  return out;
}

/** `new JObject(p1, p2 …)` and `new JArray(a, b …)` take `params` arrays: overloads up to this many arguments. */
const MAX_PARAMS = 16;

function paramsOverloads(element: Type, returns: Type, build: (items: unknown[]) => unknown): Overload[] {
  return Array.from({ length: MAX_PARAMS + 1 }, (_, n) =>
    sig<null, unknown[]>(Array<Type>(n).fill(element), returns, (_, ...items) => build(items), { allowsNull: true }),
  );
}

function objectOf(items: unknown[]): JObject {
  const object = new JObject();
  for (const item of items) addContent(object, item);
  return object;
}

function arrayOf(items: unknown[]): JArray {
  const array = new JArray();
  for (const item of items) addContent(array, item);
  return array;
}

/** JContainer's `params object[] content`: tokens are added, enumerables are flattened, values wrapped. */
function addContent(container: JObject | JArray, item: unknown): void {
  // Enumerables (arrays, lists, LINQ results) add their items; tokens and text are single items.
  if (typeof item === 'object' && item !== null && !(item instanceof JToken) && Symbol.iterator in item) {
    for (const inner of item as Iterable<unknown>) addContent(container, inner);
    return;
  }
  if (container instanceof JObject) {
    if (item === null) return;
    if (!(item instanceof JProperty))
      throw fault(`Can not add ${jsonTypeName(toToken(item))} to Newtonsoft.Json.Linq.JObject.`);
    container.add(item);
  } else {
    container.add(tokenOrNull(toToken(item)));
  }
}

export const JSON_CONSTRUCTORS: Readonly<Record<string, readonly Overload[]>> = withQualified({
  JObject: [
    sig<null, [JObject]>([JOBJECT], JOBJECT, (_, other) => other.deepClone()),
    ...paramsOverloads(OBJECT, JOBJECT, objectOf),
  ],
  // The copy constructor first: C# prefers it to `params object[]` for a JArray argument.
  JArray: [
    sig<null, [JArray]>([JARRAY], JARRAY, (_, other) => other.deepClone()),
    ...paramsOverloads(OBJECT, JARRAY, arrayOf),
  ],
  JProperty: [
    sig<null, [string, JToken | null]>(
      [STRING, JTOKEN],
      JPROPERTY,
      (_, name, value) => new JProperty(name, tokenOrNull(value)),
      {
        allowsNull: true,
      },
    ),
    sig<null, [string, unknown]>([STRING, OBJECT], JPROPERTY, (_, name, value) => new JProperty(name, toToken(value)), {
      allowsNull: true,
    }),
  ],
  JValue: [
    sig<null, [number]>([INT], JVALUE, (_, n) => JValue.integer(n)),
    sig<null, [number]>([LONG], JVALUE, (_, n) => JValue.integer(n)),
    sig<null, [number]>([DOUBLE], JVALUE, (_, n) => JValue.float(n)),
    sig<null, [boolean]>([BOOL], JVALUE, (_, b) => JValue.boolean(b)),
    sig<null, [Date]>([DATE_TIME], JVALUE, (_, d) => dateToken(d)),
    sig<null, [unknown]>(
      [OBJECT],
      JVALUE,
      (_, value) => {
        const token = toToken(value);
        if (token instanceof JValue) return token.parent === null ? token : token.deepClone();
        throw fault(`Could not determine JSON object type for type ${token.constructor.name}.`);
      },
      { allowsNull: true },
    ),
  ],
});
