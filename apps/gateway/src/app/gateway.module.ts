import { Module } from '@nestjs/common';
import { GatewayStatusController } from './gateway-status.controller';

/**
 * The gateway's own NestJS module: the status endpoint (and the developer portal, mounted in gateway.ts). API
 * traffic never reaches Nest: `dispatchGatewayRequests` hands it to the APIM pipeline before Express sees it.
 */
@Module({ controllers: [GatewayStatusController] })
export class GatewayModule {}
