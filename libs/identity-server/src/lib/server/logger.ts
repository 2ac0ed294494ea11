/** The service's pino logger, with redaction of credential-bearing fields as a safety net. */
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

/**
 * Field paths that could carry a secret or a token if someone logged a request body or headers; the service
 * itself never logs them, this is the second line of defence.
 */
export const REDACTED_PATHS = [
  'client_secret',
  'client_assertion',
  'access_token',
  'authorization',
  'privateKey',
  'secret',
  '*.client_secret',
  '*.client_assertion',
  '*.access_token',
  '*.authorization',
  '*.privateKey',
  '*.secret',
  'req.headers.authorization',
  'headers.authorization',
];

/** A logger, or the level of a new one (default `info`). */
export type LoggerOption = Logger | LevelWithSilent;

/**
 * Creates the identity service's logger, or derives a child from the one given (kept as is when it already names
 * its service, as the app logger of apps/identity does: a second `service` key would repeat in every line).
 */
export function createServiceLogger(option: LoggerOption = 'info', destination?: DestinationStream): Logger {
  if (typeof option !== 'string')
    return 'service' in option.bindings() ? option : option.child({ service: 'identity' });
  const options = {
    level: option,
    base: { service: 'identity' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
