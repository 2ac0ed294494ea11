/** The token doctor: why a token is refused, check by check (used by `npm run doctor`). */
export { diagnoseToken, type DiagnoseOptions } from './diagnose-token';
export { policyTenants } from './tenant-check';
export { answerText } from './answer-text';
export type {
  DoctorCheck,
  DoctorKeySource,
  DoctorReport,
  DoctorTarget,
  KeyLookup,
  TargetReport,
  TokenSummary,
} from './doctor-types';
