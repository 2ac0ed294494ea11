import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import {
  GATEWAY_REQUEST_HANDLER,
  GatewayProxyMiddleware,
  type GatewayRequestHandler,
} from './gateway-proxy.middleware';
import { GatewayStatusController } from './gateway-status.controller';

/** The gateway as a NestJS module: the APIM pipeline as middleware, plus the status endpoint. */
@Module({})
export class GatewayModule implements NestModule {
  static withHandler(handler: GatewayRequestHandler): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [GatewayStatusController],
      providers: [{ provide: GATEWAY_REQUEST_HANDLER, useValue: handler }, GatewayProxyMiddleware],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GatewayProxyMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
