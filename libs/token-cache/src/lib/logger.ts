import pino from 'pino';

/**
 * The logging this library needs; a pino `Logger` fits. Messages carry client ids, scopes, status codes and error
 * codes, never secrets or tokens.
 */
export interface TokenCacheLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The logger used when none is given: pino at `info`, named after the library. */
export function defaultLogger(): TokenCacheLogger {
  return pino({ name: 'token-cache' });
}
