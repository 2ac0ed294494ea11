import type { PolicyDefinition } from '../../policy-step';
import type { TypedValue } from '../../typed-attribute';
import { openApiDocumentsOf } from './openapi-documents';
import { escapePointer, findOpenApiOperation, isObject } from './openapi-operation';
import { checkDeclaredValue, type DeclaredValue } from './parameter-values';
import {
  actionAttribute,
  errorsVariable,
  INTERNAL_ERROR,
  reportValidation,
  type ValidationAction,
  type ValidationError,
} from './validation-errors';

/**
 * `validate-headers`: the response's headers against the headers the operation's OpenAPI response (for its status
 * code, else `NXX`, else `default`) declares: values against their schemas, several values, and undeclared headers.
 * Every header the response carries counts (APIM's own example ignores standard ones with `<header action="ignore">`).
 */
export const validateHeadersPolicy: PolicyDefinition = {
  name: 'validate-headers',
  sections: ['outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['specified-header-action', 'unspecified-header-action', 'errors-variable-name']);
    context.expectChildren(element, ['header']);
    const documents = openApiDocumentsOf(element, context);
    const specified = actionAttribute(context, element, 'specified-header-action');
    const unspecified = actionAttribute(context, element, 'unspecified-header-action');
    const variable = errorsVariable(context, element);
    const byName = new Map<string, TypedValue<ValidationAction>>();
    for (const header of element.children) {
      context.expectAttributes(header, ['name', 'action']);
      context.expectChildren(header, []);
      const name = context.attribute(header, 'name', { required: true, expressions: false }).raw.trim().toLowerCase();
      byName.set(name, actionAttribute(context, header, 'action'));
    }
    return {
      location: context.locate(element),
      run(ctx) {
        const response = ctx.ensureResponse();
        const found = findOpenApiOperation(documents, ctx);
        const errors: ValidationError[] = [];
        if (!found) {
          const Details = "API's schema doesn't exist or it couldn't be resolved.";
          errors.push({
            Name: '',
            Type: 'ApiSchema',
            ValidationRule: '',
            Details,
            Action: unspecified.evaluate(ctx),
            publicMessage: INTERNAL_ERROR,
          });
          reportValidation(ctx, 'validate-headers', variable, errors, 'response');
          return;
        }
        const declared = declaredHeaders(found, String(response.statusCode));
        for (const name of response.headers.names()) {
          const key = name.toLowerCase();
          const declaration = declared.get(key);
          const action = (byName.get(key) ?? (declaration ? specified : unspecified)).evaluate(ctx);
          if (action === 'ignore') continue;
          if (!declaration) {
            const Details = `Unspecified header ${name} is not allowed.`;
            errors.push({
              Name: name,
              Type: 'ResponseHeader',
              ValidationRule: 'Unspecified',
              Details,
              Action: action,
              publicMessage: INTERNAL_ERROR,
            });
            continue;
          }
          const problem = checkDeclaredValue(found.document, declaration, response.headers.get(name) ?? []);
          if (problem === undefined) continue;
          const Details =
            problem === 'multiple'
              ? `Response cannot contain multiple values for the header ${name}.`
              : `Value of the header ${name} does not conform to the definition. ${problem}`;
          errors.push({
            Name: name,
            Type: 'ResponseHeader',
            ValidationRule: 'IncorrectMessage',
            Details,
            Action: action,
            publicMessage: INTERNAL_ERROR,
          });
        }
        reportValidation(ctx, 'validate-headers', variable, errors, 'response');
      },
    };
  },
};

function declaredHeaders(
  found: NonNullable<ReturnType<typeof findOpenApiOperation>>,
  status: string,
): Map<string, DeclaredValue> {
  const responses = isObject(found.operation['responses']) ? found.operation['responses'] : {};
  const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default';
  const response = responses[key];
  const headers = isObject(response) && isObject(response['headers']) ? response['headers'] : {};
  const result = new Map<string, DeclaredValue>();
  for (const [name, header] of Object.entries(headers)) {
    if (!isObject(header) || !isObject(header['schema'])) continue;
    const pointer = `${found.pointer}/responses/${escapePointer(key)}/headers/${escapePointer(name)}/schema`;
    result.set(name.toLowerCase(), { name, pointer, schema: header['schema'] });
  }
  return result;
}
