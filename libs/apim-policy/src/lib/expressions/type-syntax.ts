import type { TypeSyntax } from './ast';
import { EXCEPTION } from './exception-value';
import { unsupported } from './expression-error';
import { libraryTypeName } from './library-registry';
import {
  BOOL,
  BYTE,
  CHAR,
  DATE_TIME,
  DOUBLE,
  INT,
  JWT,
  LONG,
  OBJECT,
  STRING,
  type Type,
  named,
  arrayOf,
  asNullable,
  isValueType,
} from './types';

const TYPES: Readonly<Record<string, Type>> = {
  string: STRING,
  String: STRING,
  'System.String': STRING,
  int: INT,
  Int32: INT,
  'System.Int32': INT,
  long: LONG,
  Int64: LONG,
  'System.Int64': LONG,
  byte: BYTE,
  Byte: BYTE,
  'System.Byte': BYTE,
  bool: BOOL,
  Boolean: BOOL,
  'System.Boolean': BOOL,
  double: DOUBLE,
  Double: DOUBLE,
  'System.Double': DOUBLE,
  char: CHAR,
  Char: CHAR,
  object: OBJECT,
  Object: OBJECT,
  'System.Object': OBJECT,
  Jwt: JWT,
  DateTime: DATE_TIME,
  'System.DateTime': DATE_TIME,
  // The context's interfaces, for casts of variables (`(IResponse)context.Variables["reply"]` after send-request).
  IResponse: named('Response'),
  Exception: EXCEPTION,
  'System.Exception': EXCEPTION,
  IRequest: named('Request'),
  IUrl: named('Url'),
};

/** Generic types written in source, with their number of type arguments. */
const GENERIC_ARITY: Readonly<Record<string, number>> = {
  List: 1,
  IList: 1,
  ICollection: 1,
  IEnumerable: 1,
  IReadOnlyList: 1,
  Dictionary: 2,
  IDictionary: 2,
  IReadOnlyDictionary: 2,
  KeyValuePair: 2,
  HashSet: 1,
  ISet: 1,
  Tuple: -1,
  Func: -1,
};
/** Interfaces written in source map onto the implementations the gateway has. */
const GENERIC_ALIASES: Readonly<Record<string, string>> = {
  IList: 'List',
  ICollection: 'List',
  IReadOnlyList: 'List',
  IDictionary: 'Dictionary',
  IReadOnlyDictionary: 'Dictionary',
  ISet: 'HashSet',
};

export const SUPPORTED_TYPES =
  'string, int, long, byte, bool, double, char, object, Jwt, DateTime, arrays (T[]), List<T>, Dictionary<K, V>, ' +
  'IEnumerable<T>, KeyValuePair<K, V>, nullable value types (int?) and the library types (JObject, JArray, Guid …)';

/** The type a cast, `as`, `is`, declaration, `new` or type argument names; anything else is EXPRESSION_UNSUPPORTED. */
export function resolveType(syntax: TypeSyntax, written: string): Type {
  let base = resolveBase(syntax, written);
  if (syntax.nullable && isValueType(base)) base = asNullable(base);
  for (let rank = 0; rank < syntax.arrayRank; rank++) base = arrayOf(base);
  return base;
}

function resolveBase(syntax: TypeSyntax, written: string): Type {
  const name = syntax.name.replace(/^System\.Collections\.Generic\./, '').replace(/^System\./, '');
  if (syntax.typeArgs.length > 0) {
    const arity = GENERIC_ARITY[name];
    if (arity === undefined)
      throw unsupported(`generic type ${written} is not supported; supported types: ${SUPPORTED_TYPES}`);
    if (arity >= 0 && arity !== syntax.typeArgs.length) {
      throw unsupported(`${name} takes ${arity} type argument(s): ${written}`);
    }
    const args = syntax.typeArgs.map((arg) => resolveType(arg, displaySyntax(arg)));
    return { name: GENERIC_ALIASES[name] ?? name, args };
  }
  const base = hasOwn(TYPES, syntax.name) ? TYPES[syntax.name] : libraryTypeName(syntax.name);
  if (!base) {
    const hint = GENERIC_ARITY[name]
      ? `; give its type arguments: ${name}<…>`
      : `; supported types: ${SUPPORTED_TYPES}`;
    throw unsupported(`type ${written} is not supported${hint}`);
  }
  return base;
}

function displaySyntax(syntax: TypeSyntax): string {
  const args = syntax.typeArgs.length > 0 ? `<${syntax.typeArgs.map(displaySyntax).join(', ')}>` : '';
  return `${syntax.name}${args}${syntax.nullable ? '?' : ''}${'[]'.repeat(syntax.arrayRank)}`;
}

function hasOwn<T>(record: Readonly<Record<string, T>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
