import type { PolicyDefinition } from '../policy-step';
import { integerType, optionalTyped } from '../typed-attribute';
import { compileOutgoingRequest } from './outgoing-request';
import { requireHttp } from './require-service';
import { DEFAULT_SEND_REQUEST_TIMEOUT_SECONDS } from './send-request.policy';
import { sendWithTimeout } from './send-with-timeout';

/**
 * `send-one-way-request`: sends a request without waiting for its answer. The request is built
 * while the policy runs (its expressions see this request); sending it, and any failure or timeout
 * of it, never affects the request being processed.
 */
export const sendOneWayRequestPolicy: PolicyDefinition = {
  name: 'send-one-way-request',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['mode', 'timeout']);
    const http = requireHttp(element, context);
    const timeout = optionalTyped(
      context,
      element,
      'timeout',
      integerType(1, 86_400),
      DEFAULT_SEND_REQUEST_TIMEOUT_SECONDS,
    );
    const request = compileOutgoingRequest(element, context);
    return {
      location: context.locate(element),
      async run(ctx) {
        const message = await request.build(ctx);
        const seconds = timeout.evaluate(ctx);
        // Fire and forget: nobody waits, and a failure is nobody's error.
        sendWithTimeout(http, message, seconds * 1000).catch(() => undefined);
      },
    };
  },
};
