/**
 * How long a new signing key is published before it signs, and which delays are allowed.
 *
 * A validator (nest-auth's JwksKeyStore, the gateway's validate-jwt) learns a new key either from its background
 * refresh or by refetching the JWKS when a token names an unknown `kid`, at most once per cooldown. A key that signs
 * before every validator has refreshed makes them refuse valid tokens: the rotation race. So the delay must cover
 * one full background refresh period plus one unknown-kid cooldown, with margin for slow fetches and clock drift.
 */

/** Validators' background JWKS refresh period (nest-auth's `JWKS_KEY_STORE_DEFAULTS`). */
const VALIDATOR_BACKGROUND_REFRESH_SECONDS = 120;
/** Validators' unknown-`kid` refetch cooldown (nest-auth's `JWKS_KEY_STORE_DEFAULTS`). */
const VALIDATOR_UNKNOWN_KID_COOLDOWN_SECONDS = 30;
/** Slow JWKS fetches, retries and clock drift between the identity service and validators. */
const PUBLISH_MARGIN_SECONDS = 30;

/** Shortest publish delay accepted: 120 s refresh + 30 s unknown-kid cooldown + 30 s margin = 180 s. */
export const MIN_KEY_PUBLISH_DELAY_SECONDS =
  VALIDATOR_BACKGROUND_REFRESH_SECONDS + VALIDATOR_UNKNOWN_KID_COOLDOWN_SECONDS + PUBLISH_MARGIN_SECONDS;

/** Longest publish delay accepted (30 days). */
export const MAX_KEY_PUBLISH_DELAY_SECONDS = 30 * 24 * 60 * 60;

/** Why shorter delays are refused, for error messages. */
export const PUBLISH_DELAY_REASON =
  `validators refresh their key cache every ${VALIDATOR_BACKGROUND_REFRESH_SECONDS} s and refetch for an unknown ` +
  `kid at most once per ${VALIDATOR_UNKNOWN_KID_COOLDOWN_SECONDS} s, so a key that signs sooner makes them refuse ` +
  'valid tokens';

/** What a caller asks of one rotation. */
export interface RotateKeysOptions {
  /** Seconds between publishing the new key and signing with it; default: the configured delay. */
  readonly publishDelaySeconds?: number;
  /**
   * Sign with the new key at once (a compromised key must stop signing now). Validators refuse tokens with the
   * new kid until they refetch the JWKS (at most one unknown-kid cooldown). Not combinable with a delay.
   */
  readonly emergency?: boolean;
}

/** A rotation request that breaks the rules; the message says what to send instead. */
export class RotationRequestError extends Error {
  override readonly name = 'RotationRequestError';
}

/**
 * Checks a publish delay.
 * @throws RotationRequestError naming the minimum and why, when it is not a whole number in range.
 */
export function checkPublishDelay(name: string, seconds: number): number {
  if (!Number.isInteger(seconds) || seconds > MAX_KEY_PUBLISH_DELAY_SECONDS) {
    throw new RotationRequestError(
      `${name} must be a whole number of seconds from ${MIN_KEY_PUBLISH_DELAY_SECONDS} to ${MAX_KEY_PUBLISH_DELAY_SECONDS}, got ${seconds}.`,
    );
  }
  if (seconds < MIN_KEY_PUBLISH_DELAY_SECONDS) {
    throw new RotationRequestError(
      `${name} must be at least ${MIN_KEY_PUBLISH_DELAY_SECONDS} seconds, got ${seconds}: ${PUBLISH_DELAY_REASON}.`,
    );
  }
  return seconds;
}

/**
 * The delay of one rotation: 0 for an emergency, else the requested or configured delay (checked).
 * @throws RotationRequestError for a delay below the minimum, or an emergency combined with a delay.
 */
export function rotationDelay(options: RotateKeysOptions, configuredSeconds: number, emergencyHint: string): number {
  if (options.emergency === true) {
    if (options.publishDelaySeconds !== undefined) {
      throw new RotationRequestError(
        'An emergency rotation signs with the new key at once; send either emergency or publishDelaySeconds, not both.',
      );
    }
    return 0;
  }
  if (options.publishDelaySeconds === undefined) return configuredSeconds;
  try {
    return checkPublishDelay('publishDelaySeconds', options.publishDelaySeconds);
  } catch (error) {
    throw new RotationRequestError(`${(error as Error).message} ${emergencyHint}`);
  }
}
