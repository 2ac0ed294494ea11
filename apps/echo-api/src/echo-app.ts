import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { AppLoggerModule, useAppLogger } from '@stack/app-logging';
import { ECHO_API_CONFIG } from './config/echo-config.token';
import type { EchoApiConfig } from './config/echo-env';
import { EchoModule } from './echo/echo.module';
import { HealthController } from './health/health.controller';

/** Largest request body echoed back. */
const maxBodySize = '1mb';

@Module({})
class EchoAppModule {
  static with(config: EchoApiConfig, logger?: Logger): DynamicModule {
    return {
      module: EchoAppModule,
      global: true,
      imports: [EchoModule, ...(logger ? [AppLoggerModule.forRoot({ logger })] : [])],
      controllers: [HealthController],
      providers: [{ provide: ECHO_API_CONFIG, useValue: config }],
      exports: [ECHO_API_CONFIG],
    };
  }
}

/** Options for building the app, beyond its configuration. */
export interface CreateEchoAppOptions {
  /**
   * The app logger (libs/app-logging): request ids and a line per request, Nest's own lines through it. Without
   * one (tests, tools), Nest prints only its errors and warnings.
   */
  readonly logger?: Logger;
}

/**
 * Builds the Echo API app (Express adapter) without listening. Bodies are read raw, whatever their
 * content type, so they can be echoed exactly as received.
 */
export async function createEchoApp(
  config: EchoApiConfig,
  options: CreateEchoAppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    EchoAppModule.with(config, options.logger),
    options.logger ? { bodyParser: false, bufferLogs: true } : { bodyParser: false, logger: ['error', 'warn'] },
  );
  if (options.logger) useAppLogger(app);
  app.useBodyParser('raw', { type: () => true, limit: maxBodySize });
  app.setGlobalPrefix('api', {
    exclude: [{ path: 'health', method: RequestMethod.GET }],
  });
  app.enableShutdownHooks();
  return app;
}

/** A listening Echo API. */
export interface RunningEchoApi {
  readonly app: NestExpressApplication;
  /** e.g. `http://127.0.0.1:3001`; the APIM-style backend URL is `${url}/api`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Creates and starts the Echo API on `config.host:config.port` (port 0: a free port). */
export async function startEchoApi(config: EchoApiConfig, options: CreateEchoAppOptions = {}): Promise<RunningEchoApi> {
  const app = await createEchoApp(config, options);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { app, url: `http://${host}:${port}`, close: () => app.close() };
}
