import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '@stack/nest-auth';
import { SigningKeysHealthIndicator } from './signing-keys.health';

/** Probes for orchestrators; open, like every probe endpoint. */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly signingKeys: SigningKeysHealthIndicator,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Readiness: 200 once the signing keys are loaded, 503 until then (or once they are too old). */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.signingKeys.check()]);
  }
}
