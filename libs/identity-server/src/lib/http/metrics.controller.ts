/**
 * `GET /admin/metrics`: what the service did, for the stack end-to-end tests and the demo, which run the identity
 * service as a separate process and must check "exactly one token request for that client and scope".
 * Loopback only, like the other admin endpoints.
 */
import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';
import { LoopbackOnlyGuard } from './loopback';

@Controller('admin/metrics')
@UseGuards(LoopbackOnlyGuard)
export class MetricsController {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly context: IdentityContext) {}

  /** Counters since start; `clientId` and `scope` (any form of the API's identifier) narrow `tokenRequests`. */
  @Get()
  metrics(@Query('clientId') clientId?: string, @Query('scope') scope?: string) {
    const counters = this.context.counters;
    return {
      tokenRequests: counters.tokenRequestCount({ clientId: clientId || undefined, scope: scope || undefined }),
      jwksRequests: counters.jwksRequestCount(),
      discoveryRequests: counters.discoveryRequestCount(),
    };
  }
}
