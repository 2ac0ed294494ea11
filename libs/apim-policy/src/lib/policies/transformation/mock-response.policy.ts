import { STATUS_CODES } from 'node:http';
import { HeaderBag } from '../../context/header-bag';
import { STOP, type PolicyDefinition, type StepResult } from '../policy-step';
import { integerType, optionalName } from '../typed-attribute';
import { mockAnswer } from './openapi-example';

/**
 * `mock-response`: ends the pipeline with a response made from the operation's OpenAPI description
 * (openapi-example.ts picks status, media type and example). Attributes take no expressions (APIM).
 * Needs the OpenAPI documents service; without it the policy refuses to load.
 */
export const mockResponsePolicy: PolicyDefinition = {
  name: 'mock-response',
  sections: ['inbound', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['status-code', 'content-type']);
    context.expectChildren(element, []);
    const documents = context.services.openApiDocuments;
    if (!documents) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        "mock-response answers from the APIs' OpenAPI documents, and this gateway was started without them; " +
          'give the engine services.openApiDocuments (the gateway reads each API\'s "openApi" file), or remove the policy.',
      );
    }
    const statusText = context.attribute(element, 'status-code', { expressions: false })?.raw.trim();
    const status = statusText === undefined ? undefined : integerType(100, 599).parse(statusText);
    if (statusText !== undefined && status === undefined) {
      throw context.error('POLICY_INVALID_VALUE', element, `"${statusText}" is not a whole number from 100 to 599.`, {
        attribute: 'status-code',
      });
    }
    const contentType = optionalName(context, element, 'content-type');
    return {
      location: context.locate(element),
      run(ctx): StepResult {
        const answer = mockAnswer(documents.get(ctx.api.id), ctx.operation, { status, contentType });
        const headers = new HeaderBag();
        if (answer.contentType !== undefined) headers.set('Content-Type', [answer.contentType]);
        ctx.response = {
          statusCode: answer.status,
          reason: STATUS_CODES[answer.status],
          headers,
          body: answer.body,
        };
        return STOP;
      },
    };
  },
};
