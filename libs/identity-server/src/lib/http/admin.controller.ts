/** Admin endpoints, answered only for loopback callers: signing key rotation and inspection. */
import { Controller, Get, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { invalidRequest } from '../errors/catalogue';
import { MAX_KEY_PUBLISH_DELAY_SECONDS, RotationRequestError, type RotateKeysOptions } from '../keys/publish-delay';
import { rotateSigningKey } from '../keys/rotate-signing-key';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';
import { LoopbackOnlyGuard } from './loopback';

const EMERGENCY_HINT =
  'To make a compromised key stop signing now, rotate with POST /admin/keys/rotate?emergency=true (validators refuse the new kid until they refetch the JWKS).';

@Controller('admin/keys')
@UseGuards(LoopbackOnlyGuard)
export class AdminController {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly context: IdentityContext) {}

  /**
   * Rotates the signing key: the new key is published now and signs after `publishDelaySeconds` (query
   * parameter, at least the minimum; default: the service's configured delay), or at once with `emergency=true`.
   */
  @Post('rotate')
  @HttpCode(200)
  async rotate(@Query('publishDelaySeconds') delay?: unknown, @Query('emergency') emergency?: unknown) {
    const options: RotateKeysOptions = { publishDelaySeconds: parseDelay(delay), emergency: parseFlag(emergency) };
    const { keys, logger, keyPublishDelaySeconds } = this.context;
    try {
      const result = await rotateSigningKey(
        { keys, logger, configuredDelaySeconds: keyPublishDelaySeconds },
        options,
        EMERGENCY_HINT,
      );
      return { kid: result.kid, activatesAt: result.activatesAt.toISOString(), ...this.state() };
    } catch (error) {
      if (error instanceof RotationRequestError) throw invalidRequest(error.message);
      throw error;
    }
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

function parseDelay(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value) || Number(value) > MAX_KEY_PUBLISH_DELAY_SECONDS) {
    throw invalidRequest(
      `publishDelaySeconds must be a whole number of seconds up to ${MAX_KEY_PUBLISH_DELAY_SECONDS}, sent once.`,
    );
  }
  return Number(value);
}

function parseFlag(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidRequest("emergency must be 'true' or 'false', sent once.");
}
