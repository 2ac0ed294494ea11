import type { PolicyDefinition } from '../policy-step';
import { corsPolicy } from './cors.policy';
import { ipFilterPolicy } from './ip-filter.policy';
import { quotaByKeyPolicy } from './quota-by-key.policy';
import { quotaPolicy } from './quota.policy';

/** The access policies (issue 12), registered with the built-ins. */
export const ACCESS_POLICIES: readonly PolicyDefinition[] = [ipFilterPolicy, quotaPolicy, quotaByKeyPolicy, corsPolicy];

// What the gateway needs to provide these policies' services.
export { MemoryQuotaStore } from './memory-quota-store';
export * from '../services/quota-store';
