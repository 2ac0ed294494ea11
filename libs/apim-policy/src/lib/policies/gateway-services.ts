import type { SigningKeyResolver } from '../keys/signing-key-resolver';
import type { PolicySource } from '../model/gateway-definition';
import type { RateLimitStore } from './rate-limit/rate-limit-store';
import type { ManagedIdentityTokenSource } from './services/managed-identity';
import type { PolicyCache } from './services/policy-cache';
import type { PolicyHttpClient } from './services/policy-http-client';
import type { PolicyTelemetry } from './services/policy-telemetry';
import type { QuotaStore } from './services/quota-store';

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
  // Services of the integration, caching and access policies; a policy that needs one that is absent refuses to load.
  /** Outgoing HTTP (send-request, send-one-way-request). */
  readonly http?: PolicyHttpClient;
  /** APIM's cache (cache-lookup/-store, cache-*-value). */
  readonly cache?: PolicyCache;
  /** quota / quota-by-key counters. */
  readonly quotas?: QuotaStore;
  /** The gateway's managed identity (authentication-managed-identity). */
  readonly managedIdentity?: ManagedIdentityTokenSource;
  /** trace, emit-metric, log-to-eventhub. */
  readonly telemetry?: PolicyTelemetry;
  /** Policy fragments by id (include-fragment); the gateway passes its definition's `policies.fragments`. */
  readonly fragments?: ReadonlyMap<string, PolicySource>;
  /** OpenAPI documents by API id (mock-response, validate-*). */
  readonly openApiDocuments?: ReadonlyMap<string, Record<string, unknown>>;
}
