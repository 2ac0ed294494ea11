/** Admin endpoints, answered only for loopback callers: signing key rotation and inspection. */
import { Controller, Get, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { invalidRequest } from '../errors/catalogue';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';
import { LoopbackOnlyGuard } from './loopback';

const MAX_PUBLISH_DELAY_SECONDS = 30 * 24 * 60 * 60;

@Controller('admin/keys')
@UseGuards(LoopbackOnlyGuard)
export class AdminController {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly context: IdentityContext) {}

  /**
   * Rotates the signing key: the new key is published now and signs after `publishDelaySeconds` (query
   * parameter; default: the service's configured delay).
   */
  @Post('rotate')
  @HttpCode(200)
  async rotate(@Query('publishDelaySeconds') delay?: string) {
    const publishDelaySeconds = delay === undefined ? this.context.keyPublishDelaySeconds : parseDelay(delay);
    const result = await this.context.keys.rotate({ publishDelaySeconds });
    return { kid: result.kid, activatesAt: result.activatesAt.toISOString(), ...this.state() };
  }

  /** The signing key and the published keys. */
  @Get()
  list() {
    return this.state();
  }

  private state() {
    const keys = this.context.keys;
    return {
      signingKid: keys.signingKey().kid,
      published: keys.publishedKeys().map((key) => ({
        kid: key.kid,
        createdAt: new Date(key.createdAt).toISOString(),
        activatesAt: new Date(key.activatesAt).toISOString(),
      })),
    };
  }
}

function parseDelay(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds > MAX_PUBLISH_DELAY_SECONDS) {
    throw invalidRequest(
      `publishDelaySeconds must be a whole number of seconds from 0 to ${MAX_PUBLISH_DELAY_SECONDS}.`,
    );
  }
  return seconds;
}
