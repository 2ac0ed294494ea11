import type { PolicyDefinition } from '../policy-step';
import { includeFragmentPolicy } from './include-fragment.policy';

/** Policy fragments (include-fragment), registered with the access policies. */
export const FRAGMENT_POLICIES: readonly PolicyDefinition[] = [includeFragmentPolicy];
