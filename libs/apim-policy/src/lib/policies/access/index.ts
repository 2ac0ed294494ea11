import type { PolicyDefinition } from '../policy-step';
import { ipFilterPolicy } from './ip-filter.policy';

/** The access policies (issue 12), registered with the built-ins. */
export const ACCESS_POLICIES: readonly PolicyDefinition[] = [ipFilterPolicy];
