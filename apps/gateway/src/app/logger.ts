import pino, { type Logger } from 'pino';
import { loggableText } from './loggable-text';

/**
 * JSON lines: one per refused or failed request (every request at debug level) and one per event. The gateway
 * never puts tokens or subscription keys into log fields; redaction is the safety net. Error messages may quote
 * request data (an expression's value, a header): they are escaped and bounded like it.
 */
export function createGatewayLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: 'gateway',
      level,
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers.authorization',
          'key',
          '*.key',
          'primaryKey',
          'secondaryKey',
          'headers["ocp-apim-subscription-key"]',
          '*.headers["ocp-apim-subscription-key"]',
          '*.headers.authorization',
          'clientSecret',
          '*.clientSecret',
        ],
        censor: '[redacted]',
      },
      serializers: { err: serializeError },
    },
    destination,
  );
}

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error);
  return {
    ...serialized,
    message: loggableText(serialized.message, 1000),
    stack: loggableText(serialized.stack, 4000),
  };
}
