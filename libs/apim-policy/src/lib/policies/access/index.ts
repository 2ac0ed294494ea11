import type { PolicyDefinition } from '../policy-step';

/** The access policies (issue 12), registered with the built-ins. */
export const ACCESS_POLICIES: readonly PolicyDefinition[] = [];
