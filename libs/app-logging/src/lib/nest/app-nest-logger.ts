import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { loggableText } from '../loggable-text';
import { requestContext } from './request-context';

/** Nest's start-up chatter (modules loaded, routes mapped, app started): debug, so a start is a few lines. */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's LoggerService on the app logger. A line written during a request carries its `requestId` (from the request
 * context the adapter hooks set). Text messages are escaped and bounded (an exception message may quote a path or a
 * header). Each instance keeps its own root logger, so two apps in one process (tests) keep their own `service`.
 */
export class AppNestLogger implements LoggerService {
  constructor(readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    this.write(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = this.root;
    if (!logger.isLevelEnabled(level)) return;
    // Nest passes the context last; an error's stack (a string) comes before it.
    const context = contextOf(params);
    const rest = context === undefined ? params : params.slice(0, -1);
    const requestId = requestContext.getStore()?.requestId;
    const fields: Record<string, unknown> = {};
    if (requestId !== undefined) fields['requestId'] = requestId;
    if (context !== undefined) fields['context'] = context;
    const trace = level === 'error' || level === 'fatal' ? rest.find((param) => typeof param === 'string') : undefined;
    if (typeof trace === 'string') fields['trace'] = loggableText(trace, 4000);
    if (message instanceof Error)
      return logger[level]({ ...fields, err: message }, loggableText(message.message, 1000));
    if (typeof message === 'object' && message !== null) return logger[level]({ ...fields, ...message });
    logger[level](fields, loggableText(String(message), 1000));
  }
}

function contextOf(params: readonly unknown[]): string | undefined {
  const last = params[params.length - 1];
  return params.length > 0 && typeof last === 'string' ? last : undefined;
}
