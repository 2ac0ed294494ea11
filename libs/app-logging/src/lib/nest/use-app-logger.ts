import type { INestApplication } from '@nestjs/common';
import { AppNestLogger } from './app-nest-logger';
import { installRequestLogging } from './request-logging';

/**
 * Sends Nest's own log lines (and the ones it buffered with `bufferLogs: true` while starting) to the app logger
 * that {@link AppLoggerModule} was given, and installs request ids and the request line on the HTTP adapter.
 * Call right after `NestFactory.create`, before `listen`.
 */
export function useAppLogger(app: INestApplication): void {
  const logger = app.get(AppNestLogger);
  installRequestLogging(app, logger.root);
  app.useLogger(logger);
  app.flushLogs();
}
