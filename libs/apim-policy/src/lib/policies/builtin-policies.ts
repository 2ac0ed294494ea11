import { checkHeaderPolicy } from './check-header.policy';
import { choosePolicy } from './choose.policy';
import type { PolicyDefinition } from './policy-step';
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
];
