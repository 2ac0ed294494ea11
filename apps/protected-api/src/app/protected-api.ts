import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { EscapingConsoleLogger } from '@stack/nest-auth';
import type { ProtectedApiConfig } from '../config/protected-api-config';
import { AppModule } from './app.module';

/** Options for building the app, beyond its configuration. */
export interface CreateProtectedApiOptions {
  /** Nest log levels; default all. Tests pass `false` or `['error']`. */
  readonly logger?: false | LogLevel[];
}

/**
 * Builds protected-api on the Fastify adapter without listening. Bodies of any content type are read
 * as text (JSON is still parsed), so the write routes echo them like the Echo API does.
 */
export async function createProtectedApi(
  config: ProtectedApiConfig,
  options: CreateProtectedApiOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter();
  adapter.getInstance().addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === false ? false : new EscapingConsoleLogger({ logLevels: options.logger }),
    abortOnError: false,
  });
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
