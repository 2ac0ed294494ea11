import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../../context/gateway-context';
import type { PolicyCompileContext, PolicyDefinition, ValueSource } from '../../policy-step';
import { conditionType, integerType, requiredTyped, type TypedValue } from '../../typed-attribute';
import { describeSchemaError, schemaValidator } from './json-schema-validator';
import { readBodyBounded } from './message-body';
import { escapePointer, findOpenApiOperation, isObject } from './openapi-operation';
import {
  actionAttribute,
  errorsVariable,
  INTERNAL_ERROR,
  reportValidation,
  type ValidationAction,
  type ValidationError,
} from './validation-errors';
import { openApiDocumentsOf } from './openapi-documents';

/** APIM's ceiling for max-size. */
const MAX_SIZE_LIMIT = 102_400;

interface TypeMapping {
  readonly from?: string;
  readonly when?: TypedValue<boolean>;
  readonly to: string;
}

interface ContentRule {
  /** Lower-case media type; undefined applies to every type in the schema. */
  readonly type?: string;
  readonly action: TypedValue<ValidationAction>;
}

/**
 * `validate-content`: checks the request (inbound) or response (outbound, on-error) body against the operation in
 * the API's OpenAPI document: size (Content-Length or the bytes), content type (is it in the schema?), and JSON bodies
 * against their JSON schema (ajv, `$ref`s resolved in the document). XML/SOAP validation and named schemas
 * (`schema-id`) are refused at load.
 */
export const validateContentPolicy: PolicyDefinition = {
  name: 'validate-content',
  sections: ['inbound', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, [
      'unspecified-content-type-action',
      'max-size',
      'size-exceeded-action',
      'errors-variable-name',
    ]);
    context.expectChildren(element, ['content-type-map', 'content']);
    const documents = openApiDocumentsOf(element, context);
    const unspecified = actionAttribute(context, element, 'unspecified-content-type-action');
    const maxSize = requiredTyped(context, element, 'max-size', integerType(0, MAX_SIZE_LIMIT));
    const sizeExceeded = actionAttribute(context, element, 'size-exceeded-action');
    const variable = errorsVariable(context, element);
    const mapElement = element.children.find((child) => child.name === 'content-type-map');
    const map = mapElement ? readTypeMap(mapElement, context) : undefined;
    const rules = element.children.filter((child) => child.name === 'content').map((child) => readRule(child, context));
    const target = context.section === 'inbound' ? 'request' : 'response';
    const Type = target === 'request' ? 'RequestBody' : 'ResponseBody';
    return {
      location: context.locate(element),
      async run(ctx) {
        const errors: ValidationError[] = [];
        const report = () => reportValidation(ctx, 'validate-content', variable, errors, target);
        const message = target === 'request' ? ctx.request : ctx.ensureResponse();
        const limit = maxSize.evaluate(ctx);
        const declared = Number(message.headers.joined('content-length'));
        const read = await readBodyBounded(message.body, limit);
        message.body = read.body;
        const size = Number.isFinite(declared) && declared > read.bytes.length ? declared : read.bytes.length;
        if (!read.complete || size > limit) {
          errors.push({
            Name: '',
            Type,
            ValidationRule: 'SizeLimit',
            Details: `${target === 'request' ? "Request's" : "Response's"} body is ${size} bytes long and it exceeds the configured limit of ${limit} bytes.`,
            Action: sizeExceeded.evaluate(ctx),
            publicMessage: `Request's body is ${size} bytes long and it exceeds the limit of ${limit} bytes.`,
          });
          report();
          return; // a body over the limit is not parsed
        }
        const contentType = mappedContentType(ctx, map, message.headers.joined('content-type'));
        const found = findOpenApiOperation(documents, ctx);
        if (!found) {
          errors.push(schemaMissing(Type, unspecified.evaluate(ctx)));
          report();
          return;
        }
        const media = mediaTypes(found, ctx, target);
        const declaredType =
          contentType && Object.keys(media.content).find((type) => type.toLowerCase() === contentType);
        if (contentType !== undefined && (read.bytes.length > 0 || target === 'request') && !declaredType) {
          errors.push({
            Name: contentType,
            Type,
            ValidationRule: 'Unspecified',
            Details: `Unspecified content type ${contentType} is not allowed.`,
            Action: unspecified.evaluate(ctx),
            publicMessage: `Unspecified content type ${contentType} is not allowed.`,
          });
        }
        const rule =
          contentType && rules.find((candidate) => candidate.type === undefined || candidate.type === contentType);
        if (rule && declaredType) {
          const action = rule.action.evaluate(ctx);
          if (action !== 'ignore') {
            const pointer = `${media.pointer}/${escapePointer(declaredType)}/schema`;
            errors.push(
              ...validateJson(found.document, pointer, read.bytes, contentType as string, Type, target, action),
            );
          }
        }
        report();
      },
    };
  },
};

function validateJson(
  document: Record<string, unknown>,
  pointer: string,
  bytes: Buffer,
  contentType: string,
  Type: string,
  target: 'request' | 'response',
  action: ValidationAction,
): ValidationError[] {
  const definition = pointer.split('/').slice(-4, -2).join('/');
  let validate;
  try {
    validate = schemaValidator(document, pointer);
  } catch (error) {
    return [
      {
        Name: contentType,
        Type,
        ValidationRule: 'MissingDefinition',
        Details: `API's schema does not contain definition ${definition}, which is associated with the content type ${contentType}. (${(error as Error).message})`,
        Action: action,
        publicMessage: INTERNAL_ERROR,
      },
    ];
  }
  let value: unknown;
  let problem: string | undefined;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem === undefined && validate(value)) return [];
  const detail = `Body of the ${target} does not conform to the definition ${definition}, which is associated with the content type ${contentType}. ${problem ?? describeSchemaError(validate)}`;
  return [
    {
      Name: contentType,
      Type,
      ValidationRule: 'IncorrectMessage',
      Details: detail,
      Action: action,
      publicMessage: detail,
    },
  ];
}

function schemaMissing(Type: string, action: ValidationAction): ValidationError {
  return {
    Name: '',
    Type: 'ApiSchema',
    ValidationRule: '',
    Details: `API's schema does not exist or it could not be resolved. (${Type})`,
    Action: action,
    publicMessage: INTERNAL_ERROR,
  };
}

/** The `content` map of the request body, or of the response for its status code (else `default`). */
function mediaTypes(
  found: NonNullable<ReturnType<typeof findOpenApiOperation>>,
  ctx: GatewayContext,
  target: 'request' | 'response',
): { content: Record<string, unknown>; pointer: string } {
  if (target === 'request') {
    const body = found.operation['requestBody'];
    const content = isObject(body) && isObject(body['content']) ? body['content'] : {};
    return { content, pointer: `${found.pointer}/requestBody/content` };
  }
  const responses = isObject(found.operation['responses']) ? found.operation['responses'] : {};
  const status = String(ctx.ensureResponse().statusCode);
  const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default';
  const response = responses[key];
  const content = isObject(response) && isObject(response['content']) ? response['content'] : {};
  return { content, pointer: `${found.pointer}/responses/${escapePointer(key)}/content` };
}

function mappedContentType(
  ctx: GatewayContext,
  map: { any?: string; missing?: string; types: readonly TypeMapping[] } | undefined,
  header: string | undefined,
): string | undefined {
  const incoming = header?.split(';')[0].trim().toLowerCase() || undefined;
  if (map) {
    for (const mapping of map.types) {
      if (mapping.from !== undefined ? mapping.from === incoming : mapping.when?.evaluate(ctx)) return mapping.to;
    }
    if (map.any) return map.any;
    if (incoming === undefined && map.missing) return map.missing;
  }
  return incoming;
}

function readTypeMap(element: PolicyElement, context: PolicyCompileContext) {
  context.expectAttributes(element, ['any-content-type-value', 'missing-content-type-value']);
  context.expectChildren(element, ['type']);
  const lower = (source: ValueSource | undefined) => source?.raw.trim().toLowerCase() || undefined;
  return {
    any: lower(context.attribute(element, 'any-content-type-value', { expressions: false })),
    missing: lower(context.attribute(element, 'missing-content-type-value', { expressions: false })),
    types: element.children.map((child): TypeMapping => {
      context.expectAttributes(child, ['from', 'when', 'to']);
      const to = lower(context.attribute(child, 'to', { required: true, expressions: false })) as string;
      if ((child.attributes['from'] === undefined) === (child.attributes['when'] === undefined)) {
        throw context.error(
          'POLICY_INVALID_VALUE',
          child,
          '<type> takes either from="content type" or when="@(…)", and to.',
        );
      }
      if (child.attributes['from'] !== undefined) {
        return { from: lower(context.attribute(child, 'from', { expressions: false })), to };
      }
      return { when: requiredTyped(context, child, 'when', conditionType), to };
    }),
  };
}

function readRule(element: PolicyElement, context: PolicyCompileContext): ContentRule {
  context.expectAttributes(element, [
    'type',
    'validate-as',
    'schema-id',
    'schema-ref',
    'action',
    'allow-additional-properties',
    'case-insensitive-property-names',
  ]);
  context.expectChildren(element, []);
  const validateAs = context.attribute(element, 'validate-as', { required: true, expressions: false }).raw.trim();
  if (validateAs !== 'json') {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      `validate-as="${validateAs}" is not supported by this gateway (no XML/SOAP schema validation); use validate-as="json", or check size and content type only (no <content> element).`,
      { attribute: 'validate-as' },
    );
  }
  for (const unsupported of [
    'schema-id',
    'schema-ref',
    'allow-additional-properties',
    'case-insensitive-property-names',
  ]) {
    if (element.attributes[unsupported] !== undefined) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        `${unsupported} is not supported by this gateway: bodies are validated against the operation's schema in the API's OpenAPI document (set additionalProperties there); remove the attribute.`,
        { attribute: unsupported },
      );
    }
  }
  const type = context.attribute(element, 'type', { expressions: false })?.raw.trim().toLowerCase() || undefined;
  return { type, action: actionAttribute(context, element, 'action') };
}
