import type { INestApplication } from '@nestjs/common';
import { AppNestLogger } from './app-nest-logger';

/**
 * Sends Nest's own log lines (and the ones it buffered with `bufferLogs: true` while starting) to the app logger
 * that {@link AppLoggerModule} was given. Call right after `NestFactory.create`.
 */
export function useAppLogger(app: INestApplication): void {
  app.useLogger(app.get(AppNestLogger));
  app.flushLogs();
}
