import type { PolicyDefinition } from '../policy-step';
import { requireTelemetry } from './require-service';

/** APIM truncates a message to 200 KB before sending it. */
export const MAX_EVENT_BYTES = 200 * 1024;

/**
 * `log-to-eventhub`: writes the element's text (usually an expression) under `logger-id` to the
 * gateway's telemetry sink, a local stand-in for the Event Hub logger (any logger id is accepted:
 * there are no Logger entities here). `partition-id` or `partition-key`, not both, are recorded.
 */
export const logToEventHubPolicy: PolicyDefinition = {
  name: 'log-to-eventhub',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['logger-id', 'partition-id', 'partition-key']);
    context.expectChildren(element, []);
    const telemetry = requireTelemetry(element, context);
    const loggerId = context.attribute(element, 'logger-id', { required: true, expressions: false }).raw.trim();
    if (!loggerId)
      throw context.error('POLICY_INVALID_VALUE', element, 'empty; name the logger.', { attribute: 'logger-id' });
    const partitionId = context.attribute(element, 'partition-id', { expressions: false })?.raw.trim();
    const partitionKey = context.attribute(element, 'partition-key');
    if (partitionId !== undefined && partitionKey) {
      throw context.error('POLICY_INVALID_VALUE', element, 'give partition-id or partition-key, not both.', {
        attribute: 'partition-key',
      });
    }
    if (partitionId !== undefined && !/^\d+$/.test(partitionId)) {
      throw context.error('POLICY_INVALID_VALUE', element, `"${partitionId}" is not a partition index (0, 1, …).`, {
        attribute: 'partition-id',
      });
    }
    const text = context.text(element);
    return {
      location: context.locate(element),
      run(ctx) {
        telemetry.event({
          loggerId,
          partitionId,
          partitionKey: partitionKey?.evaluate(ctx),
          message: truncate(text.evaluate(ctx).trim()),
          requestId: ctx.requestId,
        });
      },
    };
  },
};

/** At most {@link MAX_EVENT_BYTES} bytes of UTF-8, never splitting a character. */
function truncate(message: string): string {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= MAX_EVENT_BYTES) return message;
  return new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_EVENT_BYTES)).replace(/\uFFFD$/, '');
}
