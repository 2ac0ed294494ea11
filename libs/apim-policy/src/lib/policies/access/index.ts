import type { PolicyDefinition } from '../policy-step';
import { authenticationBasicPolicy } from './authentication-basic.policy';
import { authenticationCertificatePolicy } from './authentication-certificate.policy';
import { authenticationManagedIdentityPolicy } from './authentication-managed-identity.policy';
import { corsPolicy } from './cors.policy';
import { FRAGMENT_POLICIES } from '../fragments';
import { ipFilterPolicy } from './ip-filter.policy';
import { quotaByKeyPolicy } from './quota-by-key.policy';
import { quotaPolicy } from './quota.policy';
import { validateContentPolicy } from './validation/validate-content.policy';
import { validateHeadersPolicy } from './validation/validate-headers.policy';
import { validateParametersPolicy } from './validation/validate-parameters.policy';
import { validateStatusCodePolicy } from './validation/validate-status-code.policy';

/** The access policies (issue 12), registered with the built-ins. */
export const ACCESS_POLICIES: readonly PolicyDefinition[] = [
  ipFilterPolicy,
  quotaPolicy,
  quotaByKeyPolicy,
  corsPolicy,
  authenticationBasicPolicy,
  authenticationCertificatePolicy,
  authenticationManagedIdentityPolicy,
  ...FRAGMENT_POLICIES,
  validateContentPolicy,
  validateStatusCodePolicy,
  validateParametersPolicy,
  validateHeadersPolicy,
];

// What the gateway needs to provide these policies' services.
export { MemoryQuotaStore } from './memory-quota-store';
export * from '../services/quota-store';
export type { ManagedIdentityTokenSource } from '../services/managed-identity';
export { backendClientCertificate, type BackendClientCertificate } from './authentication-certificate.policy';
