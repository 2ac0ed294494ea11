import { fault } from '../members';
import { type Type, arrayElement, displayType } from '../types';
import { DictionaryValue } from './collections';
import { type PrimitiveTarget, castToken, convertValue } from './json-convert';
import { JArray, JObject, JProperty, JToken, JValue } from './json-token';

/**
 * How a token becomes a C# value of a type written in source: `Value<T>()`, `Values<T>()`,
 * `ToObject<T>()`, `JsonConvert.DeserializeObject<T>()`.
 */

export const TOKEN_CLASSES: Readonly<Record<string, abstract new (...args: never[]) => JToken>> = {
  JToken,
  JObject,
  JArray,
  JValue,
  JProperty,
};

const PRIMITIVES: Readonly<Record<string, PrimitiveTarget>> = {
  string: 'string',
  int: 'int',
  long: 'long',
  double: 'double',
  bool: 'bool',
  DateTime: 'DateTime',
};

/**
 * How `Value<T>`, `Values<T>` and `ToObject<T>` turn one token into a `T`, or undefined when `T`
 * is not supported. `strict` is the explicit-cast flavour (ToObject), otherwise Convert.ChangeType.
 */
export function tokenReader(type: Type, strict: boolean): ((token: JToken | null) => unknown) | undefined {
  const primitive = PRIMITIVES[type.name];
  if (primitive && !type.args) {
    const nullable = type.nullable === true;
    return strict
      ? (token) => castToken(token, primitive, nullable)
      : (token) => convertValue(token, primitive, nullable);
  }
  if (type.name === 'object') return (token) => token;
  if (strict) {
    const collection = listReader(type) ?? dictionaryReader(type);
    if (collection) return collection;
  }
  const tokenClass = Object.prototype.hasOwnProperty.call(TOKEN_CLASSES, type.name)
    ? TOKEN_CLASSES[type.name]
    : undefined;
  if (!tokenClass) return undefined;
  return (token) => {
    if (token === null || token instanceof tokenClass) return token;
    throw fault(
      `Cannot cast Newtonsoft.Json.Linq.${(token as JToken).constructor.name} to Newtonsoft.Json.Linq.${type.name}.`,
    );
  };
}

/**
 * `ToObject<string[]>()`, `ToObject<List<int>>()`, `DeserializeObject<List<string>>(…)`: a JSON
 * array read item by item with the element type's explicit conversion; JSON null gives null.
 */
function listReader(type: Type): ((token: JToken | null) => unknown) | undefined {
  const element = arrayElement(type) ?? (type.name === 'List' && type.args?.length === 1 ? type.args[0] : undefined);
  if (!element || type.nullable) return undefined;
  const readItem = tokenReader(element, true);
  if (!readItem) return undefined;
  return (token) => {
    if (token === null || (token instanceof JValue && token.type === 'Null')) return null;
    if (!(token instanceof JArray)) {
      throw fault(
        `Cannot deserialize the current JSON ${token.type.toLowerCase()} into type '${displayType(type)}' (a JSON array is needed).`,
      );
    }
    return token.children().map((item) => readItem(item));
  };
}

/** `ToObject<Dictionary<string, T>>()`: a JSON object's properties in order, values read as `T`. */
function dictionaryReader(type: Type): ((token: JToken | null) => unknown) | undefined {
  const [key, value] = type.name === 'Dictionary' && type.args?.length === 2 ? type.args : [];
  if (!key || !value || key.name !== 'string' || type.nullable) return undefined;
  const readValue = tokenReader(value, true);
  if (!readValue) return undefined;
  return (token) => {
    if (token === null || (token instanceof JValue && token.type === 'Null')) return null;
    if (!(token instanceof JObject)) {
      throw fault(
        `Cannot deserialize the current JSON ${token.type.toLowerCase()} into type '${displayType(type)}' (a JSON object is needed).`,
      );
    }
    const dictionary = new DictionaryValue();
    for (const property of token.children()) dictionary.set(property.name, readValue(property.value));
    return dictionary;
  };
}
