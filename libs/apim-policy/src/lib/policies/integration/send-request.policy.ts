import type { ResponseState } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import { PolicyFailure, type PolicyDefinition } from '../policy-step';
import { booleanType, integerType, optionalTyped } from '../typed-attribute';
import { compileOutgoingRequest } from './outgoing-request';
import { requireHttp } from './require-service';
import { failureKind, sendWithTimeout } from './send-with-timeout';

/** APIM's default: 60 seconds. */
export const DEFAULT_SEND_REQUEST_TIMEOUT_SECONDS = 60;

/**
 * `send-request`: sends a request (mode new or copy, see outgoing-request.ts) and waits at most
 * `timeout` seconds; the answer goes into `response-variable-name` as an IResponse (the same shape as
 * `context.Response`: `.StatusCode`, `.Headers`, `.Body.As<JObject>()`). A timeout or connection
 * failure fails the request (LastError source `send-request`, reason `Timeout` or
 * `BackendConnectionFailure`), unless `ignore-error="true"`, which stores null instead.
 */
export const sendRequestPolicy: PolicyDefinition = {
  name: 'send-request',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['mode', 'response-variable-name', 'timeout', 'ignore-error']);
    const http = requireHttp(element, context);
    const variable = context.attribute(element, 'response-variable-name', { required: true });
    if (variable.isConstant && variable.raw.trim() === '') {
      throw context.error('POLICY_INVALID_VALUE', element, 'empty; name the variable that receives the response.', {
        attribute: 'response-variable-name',
      });
    }
    const timeout = optionalTyped(
      context,
      element,
      'timeout',
      integerType(1, 86_400),
      DEFAULT_SEND_REQUEST_TIMEOUT_SECONDS,
    );
    const ignoreError = optionalTyped(context, element, 'ignore-error', booleanType, false, { expressions: false });
    const request = compileOutgoingRequest(element, context);
    return {
      location: context.locate(element),
      async run(ctx) {
        const name = variable.evaluate(ctx).trim();
        const message = await request.build(ctx);
        const seconds = timeout.evaluate(ctx);
        try {
          const answer = await sendWithTimeout(http, message, seconds * 1000);
          const response: ResponseState = {
            statusCode: answer.statusCode,
            reason: answer.reason,
            headers: HeaderBag.from(answer.headers.toRecord()),
            body: answer.body,
          };
          ctx.variables.set(name, response);
        } catch (error) {
          if (ignoreError.evaluate(ctx)) {
            ctx.variables.set(name, null);
            return;
          }
          const kind = failureKind(error);
          const origin = originOf(message.url);
          const text =
            kind === 'Timeout'
              ? `The request to ${origin} did not complete within ${seconds} seconds.`
              : `The request to ${origin} failed: the connection could not be made or was closed.`;
          throw new PolicyFailure(500, text, 'send-request', kind, {}, { cause: describe(error) });
        }
      },
    };
  },
};

/** Only the origin is shown: paths and queries may carry secrets. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the service';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
