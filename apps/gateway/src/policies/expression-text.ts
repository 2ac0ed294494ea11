// The one place policies turn an expression's value into text. apps/gateway/src/expressions is
// being written alongside; when its index exports `expressionValueToString`, replace this file's
// body with: export { expressionValueToString } from '../expressions';
import { JwtValue } from '../pipeline/jwt-value';

/**
 * An expression result as APIM writes it into a header, body or attribute: C#'s `ToString()`
 * (`True`/`False` for booleans), `null` as empty text.
 */
export function expressionValueToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(expressionValueToString).join(',');
  if (value instanceof JwtValue) return 'Jwt';
  return String(value);
}
