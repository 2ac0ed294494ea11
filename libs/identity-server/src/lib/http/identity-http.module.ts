/** The NestJS module of the identity service: controllers, the AADSTS exception filter, and the core context. */
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';
import { AadstsExceptionFilter } from './aadsts-exception.filter';
import { AdminController } from './admin.controller';
import { DiscoveryController } from './discovery.controller';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { TokenController } from './token.controller';
import { AuthorizeController } from './authorize.controller';
import { UserInfoController } from './userinfo.controller';

@Module({})
export class IdentityHttpModule {
  /** Binds the module to one service instance's core services. */
  static forContext(context: IdentityContext): DynamicModule {
    return {
      module: IdentityHttpModule,
      controllers: [
        HealthController,
        TokenController,
        AuthorizeController,
        UserInfoController,
        DiscoveryController,
        AdminController,
        MetricsController,
      ],
      providers: [
        { provide: IDENTITY_CONTEXT, useValue: context },
        { provide: APP_FILTER, useClass: AadstsExceptionFilter },
      ],
    };
  }
}
