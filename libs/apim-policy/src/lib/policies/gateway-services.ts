import type { SigningKeyResolver } from '../keys/signing-key-resolver';
import type { RateLimitStore } from './rate-limit/rate-limit-store';

/** Long-lived services policies use, created once per gateway. */
export interface GatewayServices {
  /** `{{name}}` values (config/gateway/named-values.json and the environment). */
  readonly namedValues: Readonly<Record<string, string>>;
  readonly rateLimits: RateLimitStore;
  readonly signingKeys: SigningKeyResolver;
  /** Verified tokens each fixed validate-jwt policy remembers (0 or unset: none). */
  readonly tokenCacheMaxEntries?: number;
  /** Epoch milliseconds; tests replace it. */
  readonly now: () => number;
}
