import Ajv, { type ValidateFunction } from 'ajv';

const validators = new WeakMap<Record<string, unknown>, Ajv>();
const KEY = 'openapi-document';

/**
 * A JSON Schema validator (ajv) for the schema at `pointer` inside an OpenAPI document, `$ref`s resolved within the
 * document; compiled once per document and pointer. Throws when the schema cannot be compiled.
 */
export function schemaValidator(document: Record<string, unknown>, pointer: string): ValidateFunction {
  let ajv = validators.get(document);
  if (!ajv) {
    // OpenAPI schemas carry keywords JSON Schema lacks (example, discriminator, xml): not strict.
    ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
    ajv.addSchema(document, KEY);
    validators.set(document, ajv);
  }
  const validate = ajv.getSchema(`${KEY}${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
}

/** The first error as one sentence, e.g. `/id must be integer`. */
export function describeSchemaError(validate: ValidateFunction): string {
  const error = validate.errors?.[0];
  if (!error) return 'does not match the schema';
  return `${error.instancePath || '(root)'} ${error.message ?? 'does not match the schema'}`;
}
