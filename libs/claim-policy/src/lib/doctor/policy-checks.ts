import type { Reason } from '../decision';
import { issuerForm, readClientId, tokenVersionOf } from '../entra/token-facts';
import type { ClaimPolicy, Claims } from '../model';
import { renderBounded } from '../text/bounded-value';
import type { DoctorCheck } from './doctor-types';
import { checkTenant } from './tenant-check';
import { isoDate } from './token-summary';

/** Required claims with a check of their own; any other required claim is a `claim <name>` check. */
const CLAIM_CHECKS: Readonly<Record<string, string>> = {
  aud: 'audience',
  iss: 'issuer',
  azp: 'client',
  appid: 'client',
  tid: 'tenant',
  exp: 'lifetime',
  nbf: 'lifetime',
};

/** The check a reason of `evaluate()` belongs to. */
export function checkOf(reason: Reason): string {
  switch (reason.code) {
    case 'ERR_TOKEN_UNSIGNED':
    case 'ERR_ALG_NOT_ALLOWED':
    case 'ERR_CRIT_UNSUPPORTED':
      return 'algorithm';
    case 'ERR_ISS_MISMATCH':
      return 'issuer';
    case 'ERR_AUD_MISMATCH':
      return 'audience';
    case 'ERR_EXP_MISSING':
    case 'ERR_JWT_EXPIRED':
    case 'ERR_JWT_NOT_YET_VALID':
    case 'ERR_LIFETIME_TOO_LONG':
      return 'lifetime';
    case 'ERR_CLIENT_NOT_ALLOWED':
      return 'client';
    default:
      if (reason.claim === undefined) return 'format';
      return CLAIM_CHECKS[reason.claim] ?? `claim ${reason.claim}`;
  }
}

/**
 * Turns `evaluate()`'s reasons into the doctor's checks: every rule the policy applies gets a line, passed or
 * failed, and rules it does not apply are `skip` with the reason (so "not checked" is never mistaken for "fine").
 * `signatureChecks` (signing key, signature) go after the algorithm.
 */
export function policyChecks(
  policy: ClaimPolicy,
  header: Readonly<Record<string, unknown>>,
  claims: Claims,
  reasons: readonly Reason[],
  nowMs: number,
  signatureChecks: readonly DoctorCheck[],
): DoctorCheck[] {
  const failed = (check: string) => reasons.filter((reason) => checkOf(reason) === check);
  const requires = (name: string) => policy.requiredClaims.some((claim) => claim.name === name);
  const checks: DoctorCheck[] = [];
  checks.push(
    judged('algorithm', failed('algorithm'), () => ({
      status: 'pass',
      detail: `alg ${text(header['alg'])} is allowed (${policy.allowedAlgorithms.join(', ')})`,
    })),
  );
  checks.push(...signatureChecks);
  checks.push(
    judged('issuer', failed('issuer'), () =>
      policy.issuers.length > 0 || requires('iss')
        ? { status: 'pass', detail: `iss ${text(claims['iss'])} ${issuerFormText(claims['iss'])}` }
        : {
            status: 'skip',
            detail:
              policy.openIdConfigUrls.length > 0
                ? 'not checked: the policy takes the issuer from its discovery document, which was not reached'
                : 'not checked: the policy names no issuers',
          },
    ),
  );
  checks.push(checkTenant(policy, claims, failed('tenant')));
  checks.push(
    judged('audience', failed('audience'), () =>
      policy.audiences.length > 0 || requires('aud')
        ? { status: 'pass', detail: `aud ${text(claims['aud'])} ${audienceFormText(claims)}` }
        : { status: 'skip', detail: 'not checked: the policy names no audiences (any API of the issuer would pass)' },
    ),
  );
  checks.push(judged('lifetime', failed('lifetime'), () => lifetimePass(policy, claims, nowMs)));
  checks.push(
    judged('client', failed('client'), () => {
      const client = readClientId(claims);
      return (policy.allowedClientIds ?? []).length > 0 || requires('azp') || requires('appid')
        ? {
            status: 'pass',
            detail: `${client?.claim ?? 'azp'} ${text(client?.value)} is an allowed client (v2 tokens name it in azp, v1 in appid)`,
          }
        : { status: 'skip', detail: 'not checked: the policy allows any client application' };
    }),
  );
  const others = policy.requiredClaims.filter((claim) => CLAIM_CHECKS[claim.name] === undefined);
  for (const name of [...new Set(others.map((claim) => claim.name))]) {
    const wanted = others.filter((claim) => claim.name === name);
    checks.push(
      judged(`claim ${name}`, failed(`claim ${name}`), () => ({
        status: 'pass',
        detail: wanted
          .map((claim) =>
            claim.values.length === 0
              ? `${name} is present`
              : `${name} has ${claim.match === 'all' ? 'all' : 'one'} of [${claim.values.join(', ')}]${claim.alsoFrom ? ` (also read from ${claim.alsoFrom.join(', ')})` : ''}`,
          )
          .join('; '),
      })),
    );
  }
  const claimed = new Set(checks.map((check) => check.check));
  for (const reason of reasons) {
    const check = checkOf(reason);
    if (!claimed.has(check)) {
      claimed.add(check);
      checks.push(judged(check, failed(check), () => ({ status: 'pass', detail: '' })));
    }
  }
  return checks;
}

type Verdict = Pick<DoctorCheck, 'status' | 'detail' | 'hint'>;

/** A failed check from its reasons, or `otherwise()` when none failed. */
function judged(check: string, reasons: readonly Reason[], otherwise: () => Verdict): DoctorCheck {
  if (reasons.length === 0) return { check, ...otherwise() };
  const [first] = reasons;
  return {
    check,
    status: 'fail',
    code: first.code,
    detail: reasons.map(describe).join('; '),
    hint: first.hint,
  };
}

function describe(reason: Reason): string {
  const claim = reason.claim ?? 'token';
  const has = reason.actual === undefined ? `no ${claim}` : `${claim} ${text(reason.actual)}`;
  if (reason.expected === undefined) return `${reason.code}: token has ${has}`;
  return `${reason.code}: token has ${has}, expected ${text(reason.expected)}`;
}

function lifetimePass(policy: ClaimPolicy, claims: Claims, nowMs: number): Verdict {
  const exp = claims['exp'];
  const skew = `clock skew allowed ${policy.clockSkewSeconds} s`;
  const base =
    typeof exp === 'number'
      ? `expires ${isoDate(exp)} (in ${duration(exp - nowMs / 1000)}); ${skew}`
      : `no exp, allowed by require-expiration-time="false"; ${skew}`;
  const iat = claims['iat'];
  if (typeof iat === 'number' && iat - nowMs / 1000 > 60) {
    return {
      status: 'pass',
      detail: `${base}; iat is ${duration(iat - nowMs / 1000)} in the future`,
      hint: "This machine's clock is behind the issuer's; sync the clocks (services refuse tokens once nbf is ahead of their clock by more than the clock skew).",
    };
  }
  if (typeof exp === 'number' && exp < nowMs / 1000) {
    return {
      status: 'pass',
      detail: `expired ${isoDate(exp)} (${duration(nowMs / 1000 - exp)} ago) but within the ${skew}`,
      hint: 'Accepted only thanks to the clock skew; fetch a new token soon.',
    };
  }
  return { status: 'pass', detail: base };
}

function issuerFormText(iss: unknown): string {
  const form = issuerForm(iss);
  if (!form) return '(not an Entra issuer form)';
  return form.version === '2.0' ? '(v2 form: <host>/<tenant>/v2.0)' : '(v1 form: <host>/<tenant>/)';
}

function audienceFormText(claims: Claims): string {
  const version = tokenVersionOf(claims);
  if (version === '2.0') return '(v2 token: aud is the API app id)';
  if (version === '1.0') return '(v1 token: aud is the App ID URI or app id as requested)';
  return '';
}

/** `12 s`, `5 min`, `3 h`, `2 d`. */
export function duration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** A token value for a detail line: strings as they are, anything else as bounded JSON, cut at 200 characters. */
export function text(value: unknown): string {
  const shown =
    value === undefined
      ? '(none)'
      : typeof value === 'string'
        ? value
        : Array.isArray(value) && value.every((item) => typeof item === 'string')
          ? `[${value.join(', ')}]`
          : renderBounded(value);
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}
