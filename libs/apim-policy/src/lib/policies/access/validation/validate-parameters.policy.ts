import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../../context/gateway-context';
import type { PolicyCompileContext, PolicyDefinition } from '../../policy-step';
import type { TypedValue } from '../../typed-attribute';
import { openApiDocumentsOf } from './openapi-documents';
import { findOpenApiOperation, isObject, type OpenApiOperation } from './openapi-operation';
import { checkDeclaredValue, type DeclaredValue } from './parameter-values';
import {
  actionAttribute,
  errorsVariable,
  INTERNAL_ERROR,
  reportValidation,
  type ValidationAction,
  type ValidationError,
} from './validation-errors';

type Location = 'header' | 'query' | 'path';
const KIND: Record<Location, { words: string; type: string }> = {
  header: { words: 'header', type: 'RequestHeader' },
  query: { words: 'query parameter', type: 'QueryParameter' },
  path: { words: 'path parameter', type: 'PathParameter' },
};

/** Actions for one kind of parameter: the kind's element overrides the root, a <parameter> overrides both. */
interface KindActions {
  readonly specified: TypedValue<ValidationAction>;
  readonly unspecified?: TypedValue<ValidationAction>;
  readonly byName: ReadonlyMap<string, TypedValue<ValidationAction>>;
}

/**
 * `validate-parameters`: the request's headers, query and path parameters against the parameters the operation (and
 * its path item) declares in the API's OpenAPI document: values against their schemas, several values for a
 * non-array parameter, and parameters the document does not declare (path parameters are always declared).
 */
export const validateParametersPolicy: PolicyDefinition = {
  name: 'validate-parameters',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, [
      'specified-parameter-action',
      'unspecified-parameter-action',
      'errors-variable-name',
    ]);
    context.expectChildren(element, ['headers', 'query', 'path']);
    const documents = openApiDocumentsOf(element, context);
    const root = {
      specified: actionAttribute(context, element, 'specified-parameter-action'),
      unspecified: actionAttribute(context, element, 'unspecified-parameter-action'),
    };
    const variable = errorsVariable(context, element);
    const kinds = {
      header: readKind(element, 'headers', context, root),
      query: readKind(element, 'query', context, root),
      path: readKind(element, 'path', context, root),
    };
    return {
      location: context.locate(element),
      run(ctx) {
        const found = findOpenApiOperation(documents, ctx);
        if (!found) {
          const action = root.unspecified.evaluate(ctx);
          const Details = "API's schema doesn't exist or it couldn't be resolved.";
          reportValidation(
            ctx,
            'validate-parameters',
            variable,
            [
              {
                Name: '',
                Type: 'ApiSchema',
                ValidationRule: '',
                Details,
                Action: action,
                publicMessage: INTERNAL_ERROR,
              },
            ],
            'request',
          );
          return;
        }
        const declared = declaredParameters(found);
        const errors: ValidationError[] = [];
        for (const [location, values] of presentValues(ctx)) {
          const actions = kinds[location];
          for (const [name, texts] of values) {
            const key = location === 'header' ? name.toLowerCase() : name;
            const declaration = declared[location].get(key);
            const override = actions.byName.get(key);
            if (!declaration) {
              if (!actions.unspecified && !override) continue;
              const action = (override ?? (actions.unspecified as TypedValue<ValidationAction>)).evaluate(ctx);
              const text = `Unspecified ${KIND[location].words} ${name} is not allowed.`;
              errors.push({
                Name: name,
                Type: KIND[location].type,
                ValidationRule: 'Unspecified',
                Details: text,
                Action: action,
                publicMessage: text,
              });
              continue;
            }
            const action = (override ?? actions.specified).evaluate(ctx);
            if (action === 'ignore') continue;
            const problem = checkDeclaredValue(found.document, declaration, texts);
            if (problem === undefined) continue;
            const words = `${KIND[location].words} ${name}`;
            const [Details, publicMessage] =
              problem === 'multiple'
                ? [
                    `Request cannot contain multiple values for the ${words}.`,
                    `Request cannot contain multiple values for the ${words}.`,
                  ]
                : [
                    `Value of the ${words} does not conform to the definition. ${problem}`,
                    `The value of the ${words} does not conform to the definition. ${problem}`,
                  ];
            errors.push({
              Name: name,
              Type: KIND[location].type,
              ValidationRule: 'IncorrectMessage',
              Details,
              Action: action,
              publicMessage,
            });
          }
        }
        reportValidation(ctx, 'validate-parameters', variable, errors, 'request');
      },
    };
  },
};

function readKind(
  element: PolicyElement,
  name: 'headers' | 'query' | 'path',
  context: PolicyCompileContext,
  root: { specified: TypedValue<ValidationAction>; unspecified: TypedValue<ValidationAction> },
): KindActions {
  const child = element.children.find((candidate) => candidate.name === name);
  const path = name === 'path';
  if (!child) return { specified: root.specified, unspecified: path ? undefined : root.unspecified, byName: new Map() };
  context.expectAttributes(
    child,
    path ? ['specified-parameter-action'] : ['specified-parameter-action', 'unspecified-parameter-action'],
  );
  context.expectChildren(child, ['parameter']);
  const own = (attribute: string, fallback: TypedValue<ValidationAction>) =>
    child.attributes[attribute] === undefined ? fallback : actionAttribute(context, child, attribute);
  const byName = new Map<string, TypedValue<ValidationAction>>();
  for (const parameter of child.children) {
    context.expectAttributes(parameter, ['name', 'action']);
    context.expectChildren(parameter, []);
    const parameterName = context.attribute(parameter, 'name', { required: true, expressions: false }).raw.trim();
    byName.set(
      name === 'headers' ? parameterName.toLowerCase() : parameterName,
      actionAttribute(context, parameter, 'action'),
    );
  }
  return {
    specified: own('specified-parameter-action', root.specified),
    unspecified: path ? undefined : own('unspecified-parameter-action', root.unspecified),
    byName,
  };
}

/** Declared parameters by location and name (headers lower-case); the operation's override its path item's. */
function declaredParameters(found: OpenApiOperation): Record<Location, Map<string, DeclaredValue>> {
  const result: Record<Location, Map<string, DeclaredValue>> = { header: new Map(), query: new Map(), path: new Map() };
  const lists: Array<[unknown, string]> = [
    [found.pathItem['parameters'], `${found.pathPointer}/parameters`],
    [found.operation['parameters'], `${found.pointer}/parameters`],
  ];
  for (const [list, pointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry: unknown, index) => {
      let parameter = entry;
      let at = `${pointer}/${index}`;
      if (isObject(entry) && typeof entry['$ref'] === 'string' && entry['$ref'].startsWith('#/')) {
        at = entry['$ref'];
        parameter = resolvePointer(found.document, at);
      }
      if (!isObject(parameter) || !isObject(parameter['schema'])) return;
      const location = parameter['in'];
      const name = parameter['name'];
      if ((location !== 'header' && location !== 'query' && location !== 'path') || typeof name !== 'string') return;
      result[location].set(location === 'header' ? name.toLowerCase() : name, {
        name,
        pointer: `${at}/schema`,
        schema: parameter['schema'],
      });
    });
  }
  return result;
}

function presentValues(ctx: GatewayContext): Array<[Location, Map<string, string[]>]> {
  const headers = new Map<string, string[]>();
  for (const name of ctx.request.headers.names()) headers.set(name, [...(ctx.request.headers.get(name) ?? [])]);
  const query = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(ctx.request.originalUrl.search))
    query.set(name, [...(query.get(name) ?? []), value]);
  const path = new Map(Object.entries(ctx.request.matchedParameters).map(([name, value]) => [name, [value]]));
  return [
    ['header', headers],
    ['query', query],
    ['path', path],
  ];
}

function resolvePointer(document: Record<string, unknown>, pointer: string): unknown {
  let target: unknown = document;
  for (const segment of pointer.slice(2).split('/')) {
    target = isObject(target) ? target[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return target;
}
