import { createAppLogger } from '@stack/app-logging';
import type { DestinationStream, Logger } from 'pino';

/**
 * The app logger (libs/app-logging) as `service: worker`. Redaction is a safety net: the worker never puts tokens or
 * secrets into log fields in the first place. With a `destination` (tests), JSON lines whatever LOG_FORMAT says.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return createAppLogger({
    service: 'worker',
    level,
    ...(destination ? { destination, format: 'json' as const } : {}),
  });
}
