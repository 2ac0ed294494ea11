/**
 * @stack/security-suite: the attack catalogue, its runner and report, for `npm run security` and for tests that
 * attack the stack's services.
 */
export { catalogue, casesFor, FLOOD_SIZE, INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE } from './lib/catalogue';
export type * from './lib/model';
export {
  isClean,
  runSuite,
  wireRequest,
  type CaseResult,
  type SuiteOptions,
  type SuiteReport,
  type SuiteSummary,
} from './lib/run/run-suite';
export { formatSummary, formatTable } from './lib/run/table';
export { judge, type JudgeOptions, type Verdict } from './lib/run/judge';
export { readIdentitySigningKey } from './lib/config/identity-data';
export { readGatewayKeys, type GatewayKeys } from './lib/config/gateway-keys';
export { readLocalRegistrations } from './lib/config/local-registrations';
export { b64u, jws, nestedArrays, nestedObjects, segment } from './lib/tokens/jws';
