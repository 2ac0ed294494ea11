import type { PolicyDefinition } from '../policy-step';

/** The integration policies (issue 12), registered with the built-ins. */
export const INTEGRATION_POLICIES: readonly PolicyDefinition[] = [];
