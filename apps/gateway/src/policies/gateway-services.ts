import type { SigningKeyResolver } from '../keys/signing-key-resolver';
import type { RateLimitStore } from './rate-limit/rate-limit-store';

/** Long-lived services policies use, created once per gateway. */
export interface GatewayServices {
  /** `{{name}}` values (config/gateway/named-values.json and the environment). */
  readonly namedValues: Readonly<Record<string, string>>;
  readonly rateLimits: RateLimitStore;
  readonly signingKeys: SigningKeyResolver;
  /** Epoch milliseconds; tests replace it. */
  readonly now: () => number;
}
