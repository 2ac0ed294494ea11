import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { loggableText } from './loggable-text';

/**
 * NestJS's own log lines (bootstrap, exceptions on /docs and the status endpoint) go to the gateway's pino
 * logger as JSON instead of Nest's plain-text console: messages are escaped and bounded like request data,
 * since an exception message may quote a path or a header. Framework chatter is debug.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.debug({ context }, loggableText(String(message), 1000));
  }
  error(message: unknown, trace?: unknown, context?: string): void {
    const stack = typeof trace === 'string' ? loggableText(trace, 4000) : undefined;
    this.logger.error({ context, trace: stack }, loggableText(String(message), 1000));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, loggableText(String(message), 1000));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, loggableText(String(message), 1000));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, loggableText(String(message), 1000));
  }
}
