import type { LibraryConversion, LibraryModule } from './library-module';
import type { Type } from '../types';
import { type PrimitiveTarget, castToken, dateToken, downcast, toToken } from './json-convert';
import { tokenToString } from './json-format';
import { FORMATTING, JSON_INSTANCE_MEMBERS, JTOKEN, JTOKEN_TYPE, jsonSequenceMembers } from './json-members';
import { TOKEN_CLASSES } from './json-readers';
import { JSON_CONSTRUCTORS, JSON_STATIC_MEMBERS, withQualified } from './json-statics';
import { JToken, JValue } from './json-token';

/**
 * Newtonsoft.Json for policy expressions (APIM allows Newtonsoft.Json.Linq and JsonConvert):
 * JToken, JObject, JArray, JProperty, JValue, JTokenType, Formatting and JsonConvert.
 */

const TOKEN_TYPES = Object.keys(TOKEN_CLASSES);
const SUBTYPES = TOKEN_TYPES.filter((name) => name !== 'JToken');

/** Newtonsoft's implicit operators: a C# value becomes a JValue wherever a JToken is expected. */
const INTO_TOKEN: readonly LibraryConversion[] = [
  { from: 'string', to: 'JToken', implicit: true, convert: (v) => JValue.string(v as string) },
  { from: 'int', to: 'JToken', implicit: true, convert: (v) => JValue.integer(v as number) },
  { from: 'long', to: 'JToken', implicit: true, convert: (v) => JValue.integer(v as number) },
  { from: 'byte', to: 'JToken', implicit: true, convert: (v) => JValue.integer(v as number) },
  { from: 'double', to: 'JToken', implicit: true, convert: (v) => JValue.float(v as number) },
  { from: 'bool', to: 'JToken', implicit: true, convert: (v) => JValue.boolean(v as boolean) },
  { from: 'DateTime', to: 'JToken', implicit: true, convert: (v) => dateToken(v as Date) },
  ...['Guid', 'TimeSpan', 'DateTimeOffset', 'Uri', 'byte[]', 'char'].map((from) => ({
    from,
    to: 'JToken',
    implicit: true,
    convert: (v: unknown) => toToken(v),
  })),
];

/** Every token type is a JToken (identity); `(JObject)token` checks at run time. */
const BETWEEN_TOKENS: readonly LibraryConversion[] = SUBTYPES.flatMap((name) => [
  { from: name, to: 'JToken', implicit: true, convert: (v: unknown) => v },
  { from: 'JToken', to: name, implicit: false, convert: (v: unknown) => downcast(v as JToken, TOKEN_CLASSES[name]) },
]);

/** Newtonsoft's explicit operators `(string)token`, `(int)token` … from every token type. */
const OUT_OF_TOKEN: readonly LibraryConversion[] = TOKEN_TYPES.flatMap((from) =>
  (['string', 'int', 'long', 'double', 'bool', 'DateTime'] as const satisfies readonly PrimitiveTarget[]).map((to) => ({
    from,
    to,
    implicit: false,
    convert: (v: unknown) => castToken(v as JToken, to),
  })),
);

const TYPE_NAMES: Readonly<Record<string, Type>> = withQualified({
  ...Object.fromEntries(TOKEN_TYPES.map((name) => [name, { name }])),
  JTokenType: JTOKEN_TYPE,
  Formatting: FORMATTING,
});

export const JSON_MODULE: LibraryModule = {
  instanceMembers: (type) =>
    Object.prototype.hasOwnProperty.call(JSON_INSTANCE_MEMBERS, type.name)
      ? JSON_INSTANCE_MEMBERS[type.name]
      : jsonSequenceMembers(type),
  staticMembers: JSON_STATIC_MEMBERS,
  constructors: JSON_CONSTRUCTORS,
  typeNames: TYPE_NAMES,
  valueTypes: ['JTokenType', 'Formatting'],
  // Enumerating a token gives its children: a JObject's are its JProperty entries.
  elementTypeOf: (type) =>
    TOKEN_TYPES.includes(type.name) ? (type.name === 'JObject' ? { name: 'JProperty' } : JTOKEN) : undefined,
  conversions: [...INTO_TOKEN, ...BETWEEN_TOKENS, ...OUT_OF_TOKEN],
  isInstanceOf(value, type) {
    const tokenClass = Object.prototype.hasOwnProperty.call(TOKEN_CLASSES, type.name)
      ? TOKEN_CLASSES[type.name]
      : undefined;
    return tokenClass ? value instanceof tokenClass : undefined;
  },
  format: (value) => (value instanceof JToken ? tokenToString(value) : undefined),
  runtimeTypeName: (value) => (value instanceof JToken ? value.constructor.name : undefined),
};
