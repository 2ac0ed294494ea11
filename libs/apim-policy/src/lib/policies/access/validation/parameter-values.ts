import { describeSchemaError, schemaValidator } from './json-schema-validator';
import { isObject } from './openapi-operation';

/** A parameter or header the OpenAPI document declares: its schema's JSON pointer and the schema. */
export interface DeclaredValue {
  readonly name: string;
  readonly pointer: string;
  readonly schema: Record<string, unknown>;
}

/**
 * Checks the values a request or response carries for one declared parameter/header: `multiple` when several values
 * arrive for a non-array schema, a schema error text, or undefined. Text is converted to the schema's type first
 * (integer, number, boolean; arrays split on commas), as a parameter arrives as text.
 */
export function checkDeclaredValue(
  document: Record<string, unknown>,
  declared: DeclaredValue,
  values: readonly string[],
): 'multiple' | string | undefined {
  const type = resolvedType(document, declared.schema);
  if (values.length > 1 && type !== 'array') return 'multiple';
  const value = type === 'array' ? values.flatMap((text) => text.split(',')).map((text) => text.trim()) : values[0];
  let validate;
  try {
    validate = schemaValidator(document, declared.pointer);
  } catch (error) {
    return (error as Error).message;
  }
  const itemsType = isObject(declared.schema['items']) ? resolvedType(document, declared.schema['items']) : undefined;
  const typed = Array.isArray(value) ? value.map((item) => convert(item, itemsType)) : convert(value ?? '', type);
  return validate(typed) ? undefined : describeSchemaError(validate);
}

function convert(text: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && Number.isFinite(Number(text)))
    return Number(text);
  if (type === 'boolean' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  return text;
}

/** The schema's `type`, following one local `$ref`. */
function resolvedType(document: Record<string, unknown>, schema: Record<string, unknown>): string | undefined {
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = document;
    for (const segment of ref.slice(2).split('/')) {
      target = isObject(target) ? target[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return isObject(target) && typeof target['type'] === 'string' ? target['type'] : undefined;
  }
  return typeof schema['type'] === 'string' ? schema['type'] : undefined;
}
