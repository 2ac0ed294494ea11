/** What mock-response answers with: a status, the chosen media type (if any) and the example body (if any). */
export interface MockAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
}

type Node = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Bounds on following `$ref`s and nesting while building a sample from a schema. */
const MAX_SAMPLE_DEPTH = 12;

/**
 * The mocked answer for one operation of an OpenAPI 3 (or Swagger 2) document, as APIM picks it:
 * the response for `status` (when none is given: 200 if documented, else the first 2xx), the media type
 * `contentType` (else the first listed), its example (`example`, else the first of `examples`, else the
 * schema's `example`), else a sample built from the schema; with none of these, no body.
 */
export function mockAnswer(
  document: Node | undefined,
  operation: { readonly method: string; readonly urlTemplate: string; readonly id: string },
  wanted: { readonly status?: number; readonly contentType?: string },
): MockAnswer {
  const found = document ? findOperation(document, operation) : undefined;
  const responses = asNode(found?.['responses']) ?? {};
  const status = wanted.status ?? defaultStatus(responses);
  const response = resolve(document, responses[String(status)]);
  if (!document || !response) return { status, contentType: wanted.contentType };
  const content = asNode(response['content']);
  if (content) return fromMedia(document, status, content, wanted.contentType);
  return fromSwagger2(document, status, response, wanted.contentType);
}

function findOperation(
  document: Node,
  operation: { method: string; urlTemplate: string; id: string },
): Node | undefined {
  const paths = asNode(document['paths']) ?? {};
  const method = operation.method.toLowerCase();
  const byTemplate = asNode(asNode(paths[operation.urlTemplate])?.[method]);
  if (byTemplate) return byTemplate;
  for (const item of Object.values(paths)) {
    for (const verb of METHODS) {
      const candidate = asNode(asNode(item)?.[verb]);
      if (candidate?.['operationId'] === operation.id) return candidate;
    }
  }
  return undefined;
}

function defaultStatus(responses: Node): number {
  if ('200' in responses) return 200;
  const success = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  return success ? Number(success) : 200;
}

function fromMedia(document: Node, status: number, content: Node, wanted: string | undefined): MockAnswer {
  const contentType = wanted ?? Object.keys(content)[0];
  const media = contentType === undefined ? undefined : asNode(content[contentType]);
  if (!media) return { status, contentType };
  const example = pickExample(document, media);
  if (example !== undefined) return { status, contentType, body: render(example, contentType) };
  const schema = resolve(document, media['schema']);
  if (!schema) return { status, contentType };
  return { status, contentType, body: render(sample(document, schema, 0), contentType) };
}

/** Swagger 2: `examples` by media type on the response, `schema` on the response, `produces` for the type. */
function fromSwagger2(document: Node, status: number, response: Node, wanted: string | undefined): MockAnswer {
  const examples = asNode(response['examples']) ?? {};
  const produces = Array.isArray(document['produces']) ? (document['produces'] as unknown[]).map(String) : [];
  const contentType = wanted ?? Object.keys(examples)[0] ?? produces[0];
  if (contentType !== undefined && contentType in examples)
    return { status, contentType, body: render(examples[contentType], contentType) };
  const schema = resolve(document, response['schema']);
  if (!schema) return { status, contentType };
  return { status, contentType, body: render(sample(document, schema, 0), contentType ?? 'application/json') };
}

function pickExample(document: Node, media: Node): unknown {
  if ('example' in media) return media['example'];
  const examples = asNode(media['examples']);
  if (examples) {
    for (const entry of Object.values(examples)) {
      const example = resolve(document, entry);
      if (example && 'value' in example) return example['value'];
    }
  }
  const schema = resolve(document, media['schema']);
  return schema && 'example' in schema ? schema['example'] : undefined;
}

/** A value shaped like `schema`: its example/default/first enum value, else a placeholder of its type. */
function sample(document: Node, schema: Node, depth: number): unknown {
  if (depth > MAX_SAMPLE_DEPTH) return null;
  for (const key of ['example', 'default']) if (key in schema) return schema[key];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const parts = Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [];
    if (parts.length === 0) continue;
    if (key !== 'allOf') return sampleOf(document, parts[0], depth);
    return Object.assign({}, ...parts.map((part) => sampleOf(document, part, depth)).filter(isPlainObject));
  }
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  if (type === 'object' || (type === undefined && asNode(schema['properties']))) {
    const properties = asNode(schema['properties']) ?? {};
    return Object.fromEntries(
      Object.entries(properties).map(([name, inner]) => [name, sampleOf(document, inner, depth)]),
    );
  }
  if (type === 'array') return schema['items'] === undefined ? [] : [sampleOf(document, schema['items'], depth)];
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return true;
  if (type === 'string') return sampleString(schema['format']);
  return null;
}

function sampleOf(document: Node, schema: unknown, depth: number): unknown {
  const resolved = resolve(document, schema);
  return resolved ? sample(document, resolved, depth + 1) : null;
}

function sampleString(format: unknown): string {
  if (format === 'date-time') return '1970-01-01T00:00:00Z';
  if (format === 'date') return '1970-01-01';
  if (format === 'uuid') return '00000000-0000-0000-0000-000000000000';
  if (format === 'email') return 'user@example.com';
  if (format === 'uri') return 'https://example.com';
  return 'string';
}

/** Follows local `$ref`s (`#/components/schemas/Order`), at most a few hops. */
function resolve(document: Node | undefined, value: unknown): Node | undefined {
  let node = asNode(value);
  for (let hops = 0; node && typeof node['$ref'] === 'string' && hops < MAX_SAMPLE_DEPTH; hops++) {
    const ref = node['$ref'] as string;
    if (!ref.startsWith('#/') || !document) return undefined;
    node = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Node | undefined>((at, part) => asNode(at?.[part]), document);
  }
  return node;
}

/** A text example as it is for non-JSON media; anything else as JSON. */
function render(example: unknown, contentType: string): string {
  const json = /json/i.test(contentType);
  if (typeof example === 'string' && !json) return example;
  return JSON.stringify(example);
}

function asNode(value: unknown): Node | undefined {
  return isPlainObject(value) ? value : undefined;
}

function isPlainObject(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
