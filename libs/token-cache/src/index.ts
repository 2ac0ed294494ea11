/**
 * @stack/token-cache: client-credentials tokens from msal-node with single-flight, refresh-ahead, retries honouring
 * Retry-After, and a token cache shared by replicas (Redis) with a cross-replica lock. See README.md.
 */
export { TokenProvider, type AccessTokenResult, type TokenProviderOptions } from './lib/token-provider';
export type { TokenProviderCounters } from './lib/counters';
export {
  readCertificateCredential,
  certificateCredentialFromPem,
  type CertificateCredential,
  type ClientCredential,
} from './lib/credentials';
export {
  TokenRequestError,
  TokenProviderOptionsError,
  TokenErrorCodes,
  type TokenRequestErrorDetails,
} from './lib/errors';
export type { TokenCacheStore } from './lib/cache/token-cache-store';
export { partitionKey } from './lib/cache/token-cache-store';
export { MemoryTokenCache } from './lib/cache/memory-token-cache';
export { RedisTokenCache, type RedisTokenCacheOptions } from './lib/cache/redis-token-cache';
export { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './lib/retry/retry-policy';
export { parseRetryAfter } from './lib/retry/retry-after';
export type { TokenCacheLogger } from './lib/logger';
