import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@stack/nest-auth';
import type { ProtectedApiConfig } from '../config/protected-api-config';
import { HealthModule } from '../health/health.module';
import { MeModule } from '../me/me.module';
import { RelayModule } from '../relay/relay.module';
import { ResourceModule } from '../resource/resource.module';

/** Wiring only: the auth module (global guard) and the feature modules. */
@Module({})
export class AppModule {
  static forRoot(config: ProtectedApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AuthModule.forRoot(config.auth), ResourceModule, MeModule, RelayModule, HealthModule],
    };
  }
}
