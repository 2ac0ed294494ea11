import type { PolicyDefinition } from '../../policy-step';
import { integerType, requiredTyped } from '../../typed-attribute';
import { openApiDocumentsOf } from './openapi-documents';
import { findOpenApiOperation, isObject } from './openapi-operation';
import { actionAttribute, errorsVariable, INTERNAL_ERROR, reportValidation } from './validation-errors';

/**
 * `validate-status-code`: a response status code the operation's OpenAPI responses do not list (exactly, as `4XX`, or
 * through `default`) gets `unspecified-status-code-action`; `<status-code code action>` sets the action per code.
 */
export const validateStatusCodePolicy: PolicyDefinition = {
  name: 'validate-status-code',
  sections: ['outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['unspecified-status-code-action', 'errors-variable-name']);
    context.expectChildren(element, ['status-code']);
    const documents = openApiDocumentsOf(element, context);
    const unspecified = actionAttribute(context, element, 'unspecified-status-code-action');
    const variable = errorsVariable(context, element);
    const overrides = element.children.map((child) => {
      context.expectAttributes(child, ['code', 'action']);
      context.expectChildren(child, []);
      return {
        code: requiredTyped(context, child, 'code', integerType(100, 599), { expressions: false }).constant as number,
        action: actionAttribute(context, child, 'action'),
      };
    });
    return {
      location: context.locate(element),
      run(ctx) {
        const status = ctx.ensureResponse().statusCode;
        const found = findOpenApiOperation(documents, ctx);
        const responses = found && isObject(found.operation['responses']) ? found.operation['responses'] : {};
        const code = String(status);
        if (code in responses || `${code[0]}XX` in responses || 'default' in responses) return;
        const override = overrides.find((candidate) => candidate.code === status);
        const action = (override?.action ?? unspecified).evaluate(ctx);
        reportValidation(
          ctx,
          'validate-status-code',
          variable,
          [
            {
              Name: code,
              Type: 'StatusCode',
              ValidationRule: 'Unspecified',
              Details: `Response status code ${code} is not allowed.`,
              Action: action,
              publicMessage: INTERNAL_ERROR,
            },
          ],
          'response',
        );
      },
    };
  },
};
