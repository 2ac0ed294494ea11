import pino, { type Logger } from 'pino';

/**
 * One JSON line per request and event. The gateway never puts tokens or subscription keys into log
 * fields; redaction is the safety net.
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
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
