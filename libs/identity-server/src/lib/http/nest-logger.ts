/**
 * Routes NestJS's own log lines into the service's pino logger (framework chatter at debug level). Messages are
 * bounded and escaped like request data: an error message may quote input.
 */
import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { loggableText } from './loggable';

const MAX_MESSAGE = 1000;
const text = (message: unknown) => loggableText(String(message), MAX_MESSAGE);

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.debug({ context }, text(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace: trace === undefined ? undefined : loggableText(trace, 4000) }, text(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, text(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, text(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, text(message));
  }
}
