import type { ValueSource } from '../policy-step';
import type { PolicyDefinition } from '../policy-step';
import { choiceType, optionalTyped } from '../typed-attribute';
import { requireTelemetry } from './require-service';

const SEVERITIES = ['verbose', 'information', 'error'] as const;

/**
 * `trace`: writes `<message>` with `source`, `severity` (verbose, information, error; default
 * verbose) and `<metadata name value>` pairs to the gateway's telemetry sink (a local stand-in for
 * the test console's trace, Application Insights and resource logs).
 */
export const tracePolicy: PolicyDefinition = {
  name: 'trace',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['source', 'severity']);
    context.expectChildren(element, ['message', 'metadata']);
    const telemetry = requireTelemetry(element, context);
    const source = context.attribute(element, 'source', { required: true, expressions: false }).raw;
    const severity = optionalTyped(context, element, 'severity', choiceType(SEVERITIES), 'verbose', {
      expressions: false,
    });
    const messages = element.children.filter((child) => child.name === 'message');
    if (messages.length !== 1) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        messages[1] ?? element,
        '<trace> needs exactly one <message>…</message>.',
      );
    }
    context.expectAttributes(messages[0], []);
    context.expectChildren(messages[0], []);
    const message = context.text(messages[0]);
    const metadata: Array<[ValueSource, ValueSource]> = element.children
      .filter((child) => child.name === 'metadata')
      .map((child) => {
        context.expectAttributes(child, ['name', 'value']);
        context.expectChildren(child, []);
        return [
          context.attribute(child, 'name', { required: true }),
          context.attribute(child, 'value', { required: true }),
        ];
      });
    return {
      location: context.locate(element),
      run(ctx) {
        telemetry.trace({
          source,
          severity: severity.evaluate(ctx),
          message: message.evaluate(ctx),
          metadata:
            metadata.length === 0
              ? undefined
              : Object.fromEntries(metadata.map(([name, value]) => [name.evaluate(ctx), value.evaluate(ctx)])),
          requestId: ctx.requestId,
        });
      },
    };
  },
};
