import type { TypeSyntax } from './ast';
import { unsupported } from './expression-error';
import {
  BOOL,
  CHAR,
  DATE_TIME,
  DOUBLE,
  INT,
  JWT,
  OBJECT,
  STRING,
  STRING_ARRAY,
  type Type,
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
};

export const SUPPORTED_TYPES =
  'Jwt, string, int, bool, double, char, object, DateTime, string[] and int?/bool?/double?';

/** The type a cast, `as`, declaration or type argument names; anything else is EXPRESSION_UNSUPPORTED. */
export function resolveType(syntax: TypeSyntax, written: string): Type {
  if (syntax.typeArgs.length > 0) {
    throw unsupported(`generic type ${written} is not supported; supported types: ${SUPPORTED_TYPES}`);
  }
  const base = Object.prototype.hasOwnProperty.call(TYPES, syntax.name) ? TYPES[syntax.name] : undefined;
  if (!base) throw unsupported(`type ${written} is not supported; supported types: ${SUPPORTED_TYPES}`);
  if (syntax.arrayRank > 0) {
    if (syntax.arrayRank === 1 && base === STRING) return STRING_ARRAY;
    throw unsupported(`type ${written} is not supported; the only array type is string[]`);
  }
  if (syntax.nullable && isValueType(base)) return asNullable(base);
  return base;
}
