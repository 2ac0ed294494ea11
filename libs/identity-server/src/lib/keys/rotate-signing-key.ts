/** One signing-key rotation as the admin endpoint and `IdentityServer.rotateKeys` run it: checked, logged. */
import type { Logger } from 'pino';
import { rotationDelay, type RotateKeysOptions } from './publish-delay';
import type { RotationResult, SigningKeyStore } from './signing-key-store';

/** What a rotation needs. */
export interface RotationDeps {
  readonly keys: SigningKeyStore;
  readonly logger: Logger;
  /** The service's configured (already checked) publish delay. */
  readonly configuredDelaySeconds: number;
}

/**
 * Rotates the signing key: the new key is published now and signs after the delay, or at once for an emergency
 * (logged as a warning, since validators refuse the new kid until they refetch the JWKS).
 * @param emergencyHint how this caller asks for an emergency rotation, appended to a refused delay's message.
 * @throws RotationRequestError for a delay below the minimum or an emergency combined with a delay.
 */
export async function rotateSigningKey(
  deps: RotationDeps,
  options: RotateKeysOptions,
  emergencyHint: string,
): Promise<RotationResult> {
  const publishDelaySeconds = rotationDelay(options, deps.configuredDelaySeconds, emergencyHint);
  const result = await deps.keys.rotate({ publishDelaySeconds });
  if (options.emergency === true) {
    deps.logger.warn(
      { event: 'signing_key_emergency_rotation', kid: result.kid },
      'Emergency key rotation: the new key signs at once; validators refuse tokens with its kid until they refetch ' +
        'the JWKS (at most one unknown-kid cooldown, 30 s with nest-auth defaults)',
    );
  }
  return result;
}
