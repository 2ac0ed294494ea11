import type { TokenCacheLogger } from './logger';

/** One log call captured by {@link recordingLogger}. */
export interface LogRecord {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: object;
  readonly message: string;
}

/** A logger for tests: keeps every call (debug excluded) so tests can count messages and check none holds a secret. */
export function recordingLogger(): TokenCacheLogger & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at = (level: LogRecord['level']) => (fields: object, message: string) => {
    if (level !== 'debug') records.push({ level, fields, message });
  };
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
