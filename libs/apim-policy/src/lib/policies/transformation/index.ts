import type { PolicyDefinition } from '../policy-step';
import { setQueryParameterPolicy } from './set-query-parameter.policy';

/** The transformation policies (issue 12), registered with the built-ins. */
export const TRANSFORMATION_POLICIES: readonly PolicyDefinition[] = [setQueryParameterPolicy];
