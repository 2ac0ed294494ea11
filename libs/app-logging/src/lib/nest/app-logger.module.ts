import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppNestLogger } from './app-nest-logger';

export interface AppLoggerModuleOptions {
  /** The app logger ({@link createAppLogger}). */
  readonly logger: Logger;
}

/**
 * Provides {@link AppNestLogger} on the app logger. {@link useAppLogger} then makes it Nest's logger and installs
 * request ids and the request line on the HTTP adapter (request-logging.ts): every request gets an id (the caller's
 * `X-Request-Id` when sane, else a new UUID), echoed and carried as `requestId` by every line logged while it runs;
 * one line per request when it ends: debug for success, info for 4xx, error for 5xx.
 */
@Module({})
export class AppLoggerModule {
  static forRoot(options: AppLoggerModuleOptions): DynamicModule {
    return {
      module: AppLoggerModule,
      global: true,
      providers: [{ provide: AppNestLogger, useValue: new AppNestLogger(options.logger) }],
      exports: [AppNestLogger],
    };
  }
}
