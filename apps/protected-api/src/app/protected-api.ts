import { Module, type DynamicModule, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { AppLoggerModule, FASTIFY_REQUEST_ID_OPTIONS, useAppLogger } from '@stack/app-logging';
import { EscapingConsoleLogger } from '@stack/nest-auth';
import type { ProtectedApiConfig } from '../config/protected-api-config';
import { AppModule } from './app.module';

/** Options for building the app, beyond its configuration. */
export interface CreateProtectedApiOptions {
  /**
   * The app logger (libs/app-logging): request ids, a line per request, Nest's own lines and the guard's through
   * it. Takes precedence over `logger`.
   */
  readonly appLogger?: Logger;
  /** Without `appLogger`: Nest's console log levels; default all. Tests pass `false` or `['error']`. */
  readonly logger?: false | LogLevel[];
}

/** The app's modules, with the app logger when there is one (app.module.ts stays the feature wiring). */
@Module({})
class ProtectedApiRoot {
  static with(config: ProtectedApiConfig, logger?: Logger): DynamicModule {
    return {
      module: ProtectedApiRoot,
      imports: [AppModule.forRoot(config), ...(logger ? [AppLoggerModule.forRoot({ logger })] : [])],
    };
  }
}

/**
 * Builds protected-api on the Fastify adapter without listening. Bodies of any content type are read
 * as text (JSON is still parsed), so the write routes echo them like the Echo API does.
 */
export async function createProtectedApi(
  config: ProtectedApiConfig,
  options: CreateProtectedApiOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter(FASTIFY_REQUEST_ID_OPTIONS);
  adapter.getInstance().addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const { appLogger } = options;
  const app = await NestFactory.create<NestFastifyApplication>(ProtectedApiRoot.with(config, appLogger), adapter, {
    ...(appLogger
      ? { bufferLogs: true }
      : { logger: options.logger === false ? false : new EscapingConsoleLogger({ logLevels: options.logger }) }),
    abortOnError: false,
  });
  if (appLogger) useAppLogger(app);
  app.enableShutdownHooks();
  return app;
}

/** A listening protected-api. */
export interface RunningProtectedApi {
  readonly app: NestFastifyApplication;
  readonly url: string;
  close(): Promise<void>;
}

/** Creates and starts protected-api on `config.host:config.port` (port 0: a free port). */
export async function startProtectedApi(
  config: ProtectedApiConfig,
  options: CreateProtectedApiOptions = {},
): Promise<RunningProtectedApi> {
  const app = await createProtectedApi(config, options);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { app, url: `http://${host}:${port}`, close: () => app.close() };
}
