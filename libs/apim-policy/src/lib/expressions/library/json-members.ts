import {
  type Method,
  type Overload,
  type OutBox,
  type Property,
  type TypeMembers,
  fault,
  members,
  method,
  prop,
  sig,
} from '../members';
import { BOOL, INT, OBJECT, STRING, type Type, enumerableOf, named } from '../types';
import { toToken } from './json-convert';
import { mergeInto } from './json-merge';
import { TOKEN_CLASSES, tokenReader } from './json-readers';
import { type Formatting, tokenToString, writeJson } from './json-format';
import { selectToken, selectTokens } from './json-path';
import { JArray, JObject, JProperty, JToken, JValue, tokenOrNull } from './json-token';

/** Instance members of JToken, JObject, JArray, JProperty and JValue (Newtonsoft.Json.Linq). */

export const JTOKEN = named('JToken');
export const JOBJECT = named('JObject');
export const JARRAY = named('JArray');
export const JVALUE = named('JValue');
export const JPROPERTY = named('JProperty');
export const JTOKEN_TYPE = named('JTokenType');
export const FORMATTING = named('Formatting');
export const TOKENS = enumerableOf(JTOKEN);
export const PROPERTIES = enumerableOf(JPROPERTY);

/** `token[key]` for any token: a name on an object, an index on an array. */
export function childOf(token: JToken, key: unknown): JToken | null {
  if (token instanceof JObject) {
    if (typeof key !== 'string') {
      throw fault(`Accessed JObject values with invalid key value: ${String(key)}. Object property name expected.`);
    }
    return token.get(key);
  }
  if (token instanceof JArray) {
    if (typeof key !== 'number') {
      throw fault(`Accessed JArray values with invalid key value: "${String(key)}". Int32 array index expected.`);
    }
    return token.at(key);
  }
  if (token instanceof JProperty) return childOf(token.value, key);
  throw fault(`Cannot access child value on Newtonsoft.Json.Linq.${token.constructor.name}.`);
}

function setChild(token: JToken, key: unknown, value: unknown): void {
  const child = tokenOrNull(toToken(value));
  if (token instanceof JObject && typeof key === 'string') return token.set(key, child);
  if (token instanceof JArray && typeof key === 'number') return token.setAt(key, child);
  if (token instanceof JProperty) return setChild(token.value, key, value);
  childOf(token, key); // throws the right message for the wrong key or token
  throw fault(`Cannot set child value on Newtonsoft.Json.Linq.${token.constructor.name}.`);
}

const indexer = {
  key: OBJECT,
  returns: JTOKEN,
  get: (target: unknown, key: unknown) => childOf(target as JToken, key),
  set: (target: unknown, key: unknown, value: unknown) => setChild(target as JToken, key, value),
};

/** `Value<T>(key)` / `Value<T>()` / `Values<T>()` / `ToObject<T>()`: generic methods over tokenReader. */
function genericMethod(build: (type: Type, read: (token: JToken | null) => unknown) => Overload[], strict = false) {
  return (type: Type): readonly Overload[] | undefined => {
    const read = tokenReader(type, strict);
    return read ? build(type, read) : undefined;
  };
}

const valueMethod: Method = {
  overloads: [],
  generic: genericMethod((type, read) => [
    sig<JToken, [unknown]>([OBJECT], type, (t, key) => read(childOf(t, key))),
    sig<JToken, []>([], type, (t) => read(t)),
  ]),
};

/** Children's values: an object's property values, an array's items, a property's value. */
function childValues(token: JToken): JToken[] {
  if (token instanceof JObject) return token.children().map((p) => p.value);
  if (token instanceof JProperty) return [token.value];
  if (token instanceof JValue) throw fault('Cannot access child value on Newtonsoft.Json.Linq.JValue.');
  return [...token.children()];
}

const valuesMethod: Method = {
  overloads: [sig<JToken, []>([], TOKENS, (t) => childValues(t))],
  generic: genericMethod((type, read) => [sig<JToken, []>([], enumerableOf(type), (t) => childValues(t).map(read))]),
};

const toObjectMethod: Method = {
  overloads: [],
  generic: genericMethod((type, read) => [sig<JToken, []>([], type, (t) => read(t))], true),
};

/** `Children()`, and `Children<T>()` keeping the children that are a `T` (JObject, JProperty …). */
function childrenMethod(): Method {
  return {
    overloads: [sig<JToken, []>([], TOKENS, (t) => [...t.children()])],
    generic(type: Type) {
      const tokenClass = Object.prototype.hasOwnProperty.call(TOKEN_CLASSES, type.name)
        ? TOKEN_CLASSES[type.name]
        : undefined;
      if (!tokenClass || type.nullable) return undefined;
      return [sig<JToken, []>([], enumerableOf(type), (t) => t.children().filter((c) => c instanceof tokenClass))];
    },
  };
}

function remove(token: JToken): void {
  const parent = token.parent;
  if (parent === null) throw fault('The parent is missing.');
  if (parent instanceof JObject && token instanceof JProperty) parent.remove(token.name);
  else if (parent instanceof JArray) parent.remove(token);
  else throw fault(`Cannot remove a token from ${parent.constructor.name}; remove its property instead`);
}

function replace(token: JToken, value: JToken): void {
  const parent = token.parent;
  if (parent === null) throw fault('The parent is missing.');
  if (parent instanceof JProperty) parent.value = value;
  else if (parent instanceof JArray) parent.setAt(parent.children().indexOf(token), value);
  else if (parent instanceof JObject && value instanceof JProperty && token instanceof JProperty) {
    const entries = parent.children();
    const at = entries.indexOf(token);
    const rest = entries.slice(at);
    for (const p of rest) parent.remove(p.name);
    parent.add(value);
    for (const p of rest.slice(1)) parent.add(p);
  } else throw fault(`Cannot replace a ${token.type} token in ${parent.constructor.name}`);
}

const COMPARISON = named('StringComparison');

/**
 * `GetValue(name, StringComparison.OrdinalIgnoreCase)`: an exact match first, else the first
 * property whose name matches ignoring case (Newtonsoft's order).
 */
function propertyMatching(object: JObject, name: string, comparison: string): JToken | null {
  const exact = object.get(name);
  if (exact !== null || !comparison.endsWith('IgnoreCase')) return exact;
  const folded = name.toUpperCase();
  return object.children().find((p) => p.name.toUpperCase() === folded)?.value ?? null;
}

/** Members every token has (JToken's own). */
const tokenProperties: Record<string, Property> = {
  Type: prop<JToken>(JTOKEN_TYPE, (t) => t.type),
  HasValues: prop<JToken>(BOOL, (t) => t.hasValues),
  First: prop<JToken>(JTOKEN, (t) => t.first),
  Last: prop<JToken>(JTOKEN, (t) => t.last),
  Parent: prop<JToken>(JTOKEN, (t) => t.parent),
  Root: prop<JToken>(JTOKEN, (t) => t.root),
  Next: prop<JToken>(JTOKEN, (t) => t.next),
  Previous: prop<JToken>(JTOKEN, (t) => t.previous),
  Path: prop<JToken>(STRING, (t) => t.path),
};

const tokenMethods: Record<string, Method> = {
  ToString: method(
    sig<JToken, []>([], STRING, (t) => tokenToString(t)),
    sig<JToken, [Formatting]>([FORMATTING], STRING, (t, formatting) => writeJson(t, formatting)),
  ),
  Value: valueMethod,
  Values: valuesMethod,
  ToObject: toObjectMethod,
  SelectToken: method(
    sig<JToken, [string]>([STRING], JTOKEN, (t, path) => selectToken(t, path)),
    sig<JToken, [string, boolean]>([STRING, BOOL], JTOKEN, (t, path, strict) => selectToken(t, path, strict), {
      names: ['path', 'errorWhenNoMatch'],
    }),
  ),
  SelectTokens: method(
    sig<JToken, [string]>([STRING], TOKENS, (t, path) => selectTokens(t, path)),
    sig<JToken, [string, boolean]>([STRING, BOOL], TOKENS, (t, path, strict) => selectTokens(t, path, strict), {
      names: ['path', 'errorWhenNoMatch'],
    }),
  ),
  Children: childrenMethod(),
  DeepClone: method(sig<JToken, []>([], JTOKEN, (t) => t.deepClone())),
  Remove: method(sig<JToken, []>([], named('void'), (t) => remove(t))),
  Replace: method(sig<JToken, [JToken]>([JTOKEN], named('void'), (t, v) => replace(t, v))),
  Descendants: method(sig<JToken, []>([], TOKENS, (t) => descendants(t))),
  Ancestors: method(sig<JToken, []>([], TOKENS, (t) => ancestors(t))),
};

function descendants(token: JToken): JToken[] {
  const out: JToken[] = [];
  const visit = (t: JToken) => {
    for (const child of t.children()) {
      out.push(child);
      visit(child);
    }
  };
  visit(token);
  return out;
}

function ancestors(token: JToken): JToken[] {
  const out: JToken[] = [];
  for (let at = token.parent; at; at = at.parent) out.push(at);
  return out;
}

const tokenHints: Record<string, string> = {
  Count: 'JToken has no Count; cast to JObject or JArray first: ((JArray)token).Count',
};

function tokenType(
  own: Record<string, Property> = {},
  ownMethods: Record<string, Method> = {},
  hints: Record<string, string> = tokenHints,
): TypeMembers {
  return members({ ...tokenProperties, ...own }, { ...tokenMethods, ...ownMethods }, { indexer, hints });
}

const JTokenMembers = tokenType();

const JObjectMembers = tokenType(
  { Count: prop<JObject>(INT, (o) => o.count) },
  {
    Property: method(sig<JObject, [string]>([STRING], JPROPERTY, (o, name) => o.property(name))),
    Properties: method(sig<JObject, []>([], PROPERTIES, (o) => [...o.children()])),
    PropertyValues: method(sig<JObject, []>([], TOKENS, (o) => o.children().map((p) => p.value))),
    GetValue: method(
      sig<JObject, [string]>([STRING], JTOKEN, (o, name) => o.get(name)),
      sig<JObject, [string, string]>([STRING, COMPARISON], JTOKEN, (o, name, comparison) =>
        propertyMatching(o, name, comparison),
      ),
    ),
    ContainsKey: method(sig<JObject, [string]>([STRING], BOOL, (o, name) => o.property(name) !== null)),
    TryGetValue: method(
      sig<JObject, [string, OutBox]>(
        [STRING, JTOKEN],
        BOOL,
        (o, name, out) => {
          out.value = o.get(name);
          return out.value !== null;
        },
        { outParams: [1] },
      ),
      sig<JObject, [string, string, OutBox]>(
        [STRING, COMPARISON, JTOKEN],
        BOOL,
        (o, name, comparison, out) => {
          out.value = propertyMatching(o, name, comparison);
          return out.value !== null;
        },
        { outParams: [2] },
      ),
    ),
    Add: method(
      sig<JObject, [string, JToken | null]>(
        [STRING, JTOKEN],
        named('void'),
        (o, name, value) => o.add(new JProperty(name, tokenOrNull(value))),
        { allowsNull: true },
      ),
      sig<JObject, [JProperty]>([JPROPERTY], named('void'), (o, p) => o.add(p)),
    ),
    Remove: method(
      sig<JObject, [string]>([STRING], BOOL, (o, name) => o.remove(name)),
      sig<JToken, []>([], named('void'), (t) => remove(t)),
    ),
    RemoveAll: method(sig<JObject, []>([], named('void'), (o) => o.children().forEach((p) => o.remove(p.name)))),
    Merge: method(
      sig<JObject, [unknown]>([OBJECT], named('void'), (o, other) => mergeInto(o, other), { allowsNull: true }),
    ),
  },
  {},
);

const JArrayMembers = tokenType(
  { Count: prop<JArray>(INT, (a) => a.count) },
  {
    Add: method(
      sig<JArray, [JToken | null]>([JTOKEN], named('void'), (a, value) => a.add(tokenOrNull(value)), {
        allowsNull: true,
      }),
    ),
    Insert: method(
      sig<JArray, [number, JToken | null]>([INT, JTOKEN], named('void'), (a, i, v) => a.insert(i, tokenOrNull(v)), {
        allowsNull: true,
      }),
    ),
    RemoveAt: method(sig<JArray, [number]>([INT], named('void'), (a, i) => a.removeAt(i))),
    Remove: method(
      sig<JArray, [JToken]>([JTOKEN], BOOL, (a, item) => a.remove(item)),
      sig<JToken, []>([], named('void'), (t) => remove(t)),
    ),
    IndexOf: method(sig<JArray, [JToken]>([JTOKEN], INT, (a, item) => a.children().indexOf(item))),
    Contains: method(sig<JArray, [JToken]>([JTOKEN], BOOL, (a, item) => a.children().includes(item))),
    Clear: method(sig<JArray, []>([], named('void'), (a) => a.clear())),
    Merge: method(
      sig<JArray, [unknown]>([OBJECT], named('void'), (a, other) => mergeInto(a, other), { allowsNull: true }),
    ),
  },
  {},
);

const JPropertyMembers = tokenType(
  {
    Name: prop<JProperty>(STRING, (p) => p.name),
    /** Not Newtonsoft: lets `foreach (var kv in obj)` read `kv.Key` as C#'s KeyValuePair would. */
    Key: prop<JProperty>(STRING, (p) => p.name),
    Value: {
      ...prop<JProperty>(JTOKEN, (p) => p.value),
      set: (target: unknown, value: unknown) => {
        (target as JProperty).value = tokenOrNull(toToken(value));
      },
    },
  },
  {},
  {},
);

const JValueMembers = tokenType(
  {
    Value: prop<JValue>(OBJECT, (v) => (typeof v.value === 'bigint' ? Number(v.value) : v.value)),
  },
  {},
  {},
);

/**
 * Newtonsoft.Json.Linq.Extensions on a sequence of tokens (`o.Properties().Values<string>()`,
 * `o.SelectTokens("$..id").Values<int>()`): a value stands for itself, a container for its children.
 */
function sequenceValues(items: Iterable<JToken>): JToken[] {
  return [...items].flatMap((token) => (token instanceof JValue ? [token] : childValues(token)));
}

const TokenSequenceMembers = members(
  {},
  {
    Values: {
      overloads: [sig<Iterable<JToken>, []>([], TOKENS, (items) => sequenceValues(items))],
      generic: genericMethod((type, read) => [
        sig<Iterable<JToken>, []>([], enumerableOf(type), (items) => sequenceValues(items).map(read)),
      ]),
    },
    Children: method(sig<Iterable<JToken>, []>([], TOKENS, (items) => [...items].flatMap((t) => [...t.children()]))),
  },
);

/** Members of `IEnumerable<JToken>` (and of JObject, JArray, JProperty, JValue); undefined otherwise. */
export function jsonSequenceMembers(type: Type): TypeMembers | undefined {
  if (type.name !== 'IEnumerable' || type.args?.length !== 1) return undefined;
  return Object.prototype.hasOwnProperty.call(TOKEN_CLASSES, type.args[0].name) ? TokenSequenceMembers : undefined;
}

/** Enum values are their names (`Object`, `Indented`). */
const EnumMembers = members({}, { ToString: method(sig<string, []>([], STRING, (name) => name)) });

export const JSON_INSTANCE_MEMBERS: Readonly<Record<string, TypeMembers>> = {
  JTokenType: EnumMembers,
  Formatting: EnumMembers,
  JToken: JTokenMembers,
  JObject: JObjectMembers,
  JArray: JArrayMembers,
  JProperty: JPropertyMembers,
  JValue: JValueMembers,
};
