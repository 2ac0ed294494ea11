import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { ECHO_API_CONFIG } from './config/echo-config.token';
import type { EchoApiConfig } from './config/echo-env';
import { EchoModule } from './echo/echo.module';
import { HealthController } from './health/health.controller';

/** Largest request body echoed back. */
const maxBodySize = '1mb';

@Module({})
class EchoAppModule {
  static with(config: EchoApiConfig): DynamicModule {
    return {
      module: EchoAppModule,
      global: true,
      imports: [EchoModule],
      controllers: [HealthController],
      providers: [{ provide: ECHO_API_CONFIG, useValue: config }],
      exports: [ECHO_API_CONFIG],
    };
  }
}

/**
 * Builds the Echo API app (Express adapter) without listening. Bodies are read raw, whatever their
 * content type, so they can be echoed exactly as received.
 */
export async function createEchoApp(config: EchoApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(EchoAppModule.with(config), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
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
export async function startEchoApi(config: EchoApiConfig): Promise<RunningEchoApi> {
  const app = await createEchoApp(config);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { app, url: `http://${host}:${port}`, close: () => app.close() };
}
