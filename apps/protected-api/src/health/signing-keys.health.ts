import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { JwksKeyStore } from '@stack/nest-auth';

/** Ready means tokens can be checked: the identity provider's signing keys are loaded (and not stale). */
@Injectable()
export class SigningKeysHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly keyStore: JwksKeyStore,
  ) {}

  check(key = 'signingKeys'): HealthIndicatorResult {
    const indicator = this.health.check(key);
    const status = this.keyStore.status();
    return status.ready
      ? indicator.up({ keyCount: status.keyCount })
      : indicator.down({
          keyCount: 0,
          jwksUri: status.jwksUri,
          lastError: status.lastError ?? 'not fetched yet',
        });
  }
}
