import { checkHeaderPolicy } from './check-header.policy';
import { choosePolicy } from './choose.policy';
import { ACCESS_POLICIES } from './access';
import { INTEGRATION_POLICIES } from './integration';
import type { PolicyDefinition } from './policy-step';
import { TRANSFORMATION_POLICIES } from './transformation';
import { rateLimitByKeyPolicy } from './rate-limit/rate-limit-by-key.policy';
import { rateLimitPolicy } from './rate-limit/rate-limit.policy';
import { returnResponsePolicy } from './return-response.policy';
import { rewriteUriPolicy } from './rewrite-uri.policy';
import { setBackendServicePolicy } from './set-backend-service.policy';
import { setBodyPolicy } from './set-body.policy';
import { setHeaderPolicy } from './set-header.policy';
import { setStatusPolicy } from './set-status.policy';
import { setVariablePolicy } from './set-variable.policy';

/** The statements every registry knows (validate-jwt comes in as an extra definition). */
export const BUILTIN_POLICIES: readonly PolicyDefinition[] = [
  checkHeaderPolicy,
  choosePolicy,
  rateLimitPolicy,
  rateLimitByKeyPolicy,
  returnResponsePolicy,
  rewriteUriPolicy,
  setBackendServicePolicy,
  setBodyPolicy,
  setHeaderPolicy,
  setStatusPolicy,
  setVariablePolicy,
  // Families of issue 12, each registered in its folder's index.ts.
  ...INTEGRATION_POLICIES,
  ...TRANSFORMATION_POLICIES,
  ...ACCESS_POLICIES,
];
