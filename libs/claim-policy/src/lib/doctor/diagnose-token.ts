import type { Reason } from '../decision';
import { withDiscoveredIssuers } from '../defaults';
import { deny } from '../deny';
import { evaluate } from '../evaluate';
import type { Claims, VerifiedHeader } from '../model';
import { parseCompactJws, type CompactJwsLimits } from '../token/compact-jws';
import type { DoctorCheck, DoctorKeySource, DoctorReport, DoctorTarget, TargetReport } from './doctor-types';
import { checkOf, policyChecks } from './policy-checks';
import { checkSignature } from './signature-checks';
import { summarizeToken } from './token-summary';

/** Options of {@link diagnoseToken}. */
export interface DiagnoseOptions {
  /** Policies to check the token against; each gets its own list of checks. */
  readonly targets: readonly DoctorTarget[];
  /** Where signing keys come from; absent means offline: discovery is not attempted, the signature not verified. */
  readonly keys?: DoctorKeySource;
  /** The time lifetimes are judged at. Default now. */
  readonly now?: Date | number;
  readonly limits?: CompactJwsLimits;
}

/**
 * Explains a token: decodes it (the same strict parser the services use), finds its signing key through
 * discovery and verifies the signature, then evaluates it against each target policy with {@link evaluate}.
 * Every check is reported (pass, fail or skip) with the hint of the reason, and each target with the answer the
 * service would send. Never throws on any token text; the report holds no signature and no whole token.
 */
export async function diagnoseToken(token: string, options: DiagnoseOptions): Promise<DoctorReport> {
  const nowMs =
    options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const text = token.trim().replace(/^bearer\s+/i, '');
  const parsed = parseCompactJws(text, options.limits);
  if (!parsed.ok) {
    const format: DoctorCheck = {
      check: 'format',
      status: 'fail',
      code: parsed.reason.code,
      detail: 'not a compact JWS (header.payload.signature)',
      hint: parsed.reason.hint,
    };
    return { result: 'fail', checks: [format], targets: [], now: nowMs };
  }
  const format: DoctorCheck = {
    check: 'format',
    status: 'pass',
    detail: `compact JWS, ${text.length} characters, header and payload decoded${text === token ? '' : ' (the "Bearer " prefix and spaces removed)'}`,
  };
  const targets: TargetReport[] = [];
  for (const target of options.targets) {
    targets.push(await diagnoseTarget(target, parsed, options.keys, nowMs));
  }
  const failed = targets.some((target) => target.result === 'fail');
  return {
    result: failed ? 'fail' : 'pass',
    checks: [format],
    token: summarizeToken(parsed.header, parsed.claims),
    targets,
    now: nowMs,
  };
}

async function diagnoseTarget(
  target: DoctorTarget,
  parsed: Extract<ReturnType<typeof parseCompactJws>, { ok: true }>,
  keys: DoctorKeySource | undefined,
  nowMs: number,
): Promise<TargetReport> {
  const signature = await checkSignature(target.policy, parsed, keys);
  const policy = withDiscoveredIssuers(target.policy, signature.discoveredIssuers);
  const header = parsed.header as VerifiedHeader;
  const claims = parsed.claims as Claims;
  const decision = evaluate(policy, header, claims, nowMs);
  const checks = policyChecks(policy, header, claims, decision.reasons, nowMs, signature.checks);
  const failures = checks.filter((check) => check.status === 'fail');
  if (failures.length === 0) return { label: target.label, result: 'pass', checks };
  // The service's answer from every failure, the signature's and the tenant's included (deny orders them).
  const reasons: Reason[] = [...signature.reasons, ...decision.reasons];
  for (const check of failures) {
    if (check.code && !reasons.some((reason) => checkOf(reason) === check.check || reason.code === check.code)) {
      reasons.push({ code: check.code, hint: check.hint });
    }
  }
  const denial = deny(policy, reasons);
  const answer = denial.allowed ? undefined : target.answer === 'bearer' ? denial.bearer : denial.apim;
  return { label: target.label, result: 'fail', checks, answer };
}
