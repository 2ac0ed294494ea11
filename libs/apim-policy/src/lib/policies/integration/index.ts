import type { PolicyDefinition } from '../policy-step';
import { cacheLookupValuePolicy } from './cache-lookup-value.policy';
import { cacheLookupPolicy } from './cache-lookup.policy';
import { cacheRemoveValuePolicy } from './cache-remove-value.policy';
import { cacheStoreValuePolicy } from './cache-store-value.policy';
import { cacheStorePolicy } from './cache-store.policy';
import { emitMetricPolicy } from './emit-metric.policy';
import { forwardRequestPolicy } from './forward-request.policy';
import { limitConcurrencyPolicy } from './limit-concurrency.policy';
import { logToEventHubPolicy } from './log-to-eventhub.policy';
import { retryPolicy } from './retry.policy';
import { sendOneWayRequestPolicy } from './send-one-way-request.policy';
import { sendRequestPolicy } from './send-request.policy';
import { tracePolicy } from './trace.policy';
import { waitPolicy } from './wait.policy';

/** The integration policies (issue 12), registered with the built-ins. */
export const INTEGRATION_POLICIES: readonly PolicyDefinition[] = [
  sendRequestPolicy,
  sendOneWayRequestPolicy,
  forwardRequestPolicy,
  retryPolicy,
  waitPolicy,
  limitConcurrencyPolicy,
  cacheLookupValuePolicy,
  cacheStoreValuePolicy,
  cacheRemoveValuePolicy,
  cacheLookupPolicy,
  cacheStorePolicy,
  tracePolicy,
  emitMetricPolicy,
  logToEventHubPolicy,
];

// Services these policies use, for gateways and tests that provide them.
export { MemoryPolicyCache, DEFAULT_MEMORY_CACHE_ENTRIES } from './memory-policy-cache';
export { PolicyHttpError, type PolicyHttpFailureKind } from '../services/policy-http-client';
export type { PolicyHttpClient, PolicyHttpRequest, PolicyHttpResponse } from '../services/policy-http-client';
export type { PolicyCache } from '../services/policy-cache';
export type { PolicyTelemetry } from '../services/policy-telemetry';
