import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { escapeControlCharacters } from '@stack/claim-policy';

/**
 * Nest's console logger with control characters escaped in every text message, so user data that
 * reaches a log line (a claim quoted in a denial, a path in an error) cannot forge lines or send
 * terminal escape sequences. Colours, added after escaping, still work. Objects are printed by Nest
 * through `util.inspect` or JSON, which already escape.
 */
export class EscapingConsoleLogger extends ConsoleLogger {
  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    return super.stringifyMessage(typeof message === 'string' ? escapeControlCharacters(message) : message, logLevel);
  }
}
