import { Module, type DynamicModule } from '@nestjs/common';
import {
  GATEWAY_REQUEST_HANDLER,
  GatewayProxyMiddleware,
  type GatewayRequestHandler,
} from './gateway-proxy.middleware';
import { GatewayStatusController } from './gateway-status.controller';

/**
 * The gateway as a NestJS module: the APIM pipeline as middleware, plus the status endpoint. The middleware is
 * mounted with `app.use` (see gateway.ts), ahead of Nest's router: route-bound middleware would make Express decode
 * the path first and answer its own 400 for a malformed one.
 */
@Module({})
export class GatewayModule {
  static withHandler(handler: GatewayRequestHandler): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [GatewayStatusController],
      providers: [{ provide: GATEWAY_REQUEST_HANDLER, useValue: handler }, GatewayProxyMiddleware],
    };
  }
}
