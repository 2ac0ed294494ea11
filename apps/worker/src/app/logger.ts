import pino, { type Logger } from 'pino';

/**
 * Structured logs, one JSON line per event. Redaction is a safety net: the worker never puts tokens or secrets into
 * log fields in the first place.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: 'worker',
      level,
      redact: {
        paths: ['accessToken', '*.accessToken', 'authorization', '*.authorization', 'clientSecret', '*.clientSecret'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
