import { createAppLogger } from '@stack/app-logging';
import type { DestinationStream, Logger } from 'pino';

/** The gateway's own credentials beyond the shared list: subscription keys and its managed identity's secret. */
const GATEWAY_REDACTED_PATHS = ['key', '*.key', 'primaryKey', '*.primaryKey', 'secondaryKey', '*.secondaryKey'];

/**
 * The app logger (libs/app-logging) as `service: gateway`: one line per refused or failed request (every request at
 * debug level) and one per event. The gateway never puts tokens or subscription keys into log fields; redaction
 * is the safety net. Error messages may quote request data: they are escaped and bounded like it.
 * With a `destination` (tests), JSON lines whatever LOG_FORMAT says, so they can be parsed.
 */
export function createGatewayLogger(level: string, destination?: DestinationStream): Logger {
  return createAppLogger({
    service: 'gateway',
    level,
    redact: GATEWAY_REDACTED_PATHS,
    ...(destination ? { destination, format: 'json' as const } : {}),
  });
}
