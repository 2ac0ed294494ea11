/**
 * The token doctor for the developer portal: claim-policy's diagnoseToken over every API's token policies as the
 * gateway loaded them, grouped per API (and per operation that adds checks), as JSON the page renders. Every string
 * of the answer has its control characters escaped and claim values are depth- and length-bounded, so a hostile
 * claim cannot forge lines or blow up the page. The answer never holds the token or its signature. Never throws.
 */
import type { DoctorApi, DoctorOperation, ScopedTarget } from '@stack/apim-policy';
import {
  answerText,
  diagnoseToken,
  escapeControlCharacters,
  renderBounded,
  type DoctorCheck,
  type DoctorKeySource,
  type DoctorReport,
  type DoctorTarget,
  type TargetReport,
  type TokenSummary,
} from '@stack/claim-policy';

/** One check line, as the page shows it. */
export interface PortalCheck {
  readonly check: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly detail: string;
  readonly hint?: string;
  readonly code?: string;
}

/** One validate-jwt / validate-azure-ad-token and how the token fared against it. */
export interface PortalTargetReport {
  readonly label: string;
  readonly result: 'pass' | 'fail';
  /** Set for a policy inside a `<choose>` branch: it runs only when this holds (not evaluated by the doctor). */
  readonly condition?: string;
  readonly checks: readonly PortalCheck[];
  /** What the gateway answers, in words (status, message, LastError reason), or that it lets the call through. */
  readonly answer: string;
  /** The status the gateway answers with when it refuses. */
  readonly status?: number;
}

/**
 * `unchecked`: no token policy the doctor can evaluate here (none at all, or only ones with expressions);
 * `conditional`: every token policy sits in a `<choose>` branch, whose condition the doctor does not evaluate.
 */
export type PortalResult = 'pass' | 'fail' | 'unchecked' | 'conditional';

/** An operation as {@link DoctorOperation} names it, with the token's results. */
export interface PortalOperationReport
  extends Pick<DoctorOperation, 'id' | 'name' | 'method' | 'urlTemplate' | 'unchecked'> {
  readonly result: PortalResult;
  readonly targets: readonly PortalTargetReport[];
  readonly note?: string;
}

/** An API as {@link DoctorApi} names it, with the token's results. */
export interface PortalApiReport extends Pick<DoctorApi, 'id' | 'name' | 'path' | 'unchecked'> {
  /** The checks every call to the API meets (global and API policies). */
  readonly result: PortalResult;
  readonly summary: string;
  readonly targets: readonly PortalTargetReport[];
  readonly operations: readonly PortalOperationReport[];
}

/** The page's JSON. */
export interface PortalDoctorReport {
  /** `fail` when the token is unreadable or the checks of any API or operation fail (a `<choose>` branch's do not count). */
  readonly result: 'pass' | 'fail';
  readonly judgedAt: string;
  /** The token-level check (format). */
  readonly checks: readonly PortalCheck[];
  /** The token's header fields and identity claims, as display text (never the token itself). */
  readonly token: readonly { readonly name: string; readonly value: string }[];
  readonly apis: readonly PortalApiReport[];
}

export interface PortalDoctorOptions {
  readonly apis: readonly DoctorApi[];
  /** The gateway's signing keys; absent: offline (signatures reported as not verifiable). */
  readonly keys?: DoctorKeySource;
  /** The gateway's clock (default Date.now). */
  readonly now?: () => number;
}

/** What the portal needs from the doctor. */
export interface PortalDoctor {
  diagnose(token: string): Promise<PortalDoctorReport>;
}

/** The doctor over the gateway's APIs. */
export function createPortalDoctor(options: PortalDoctorOptions): PortalDoctor {
  const now = options.now ?? Date.now;
  // One flat list of targets, each remembering where it belongs, so the token is parsed and checked once.
  const flat: DoctorTarget[] = options.apis.flatMap((api) => [
    ...api.targets,
    ...api.operations.flatMap((operation) => operation.targets),
  ]);
  return {
    async diagnose(token: string): Promise<PortalDoctorReport> {
      const at = now();
      let report: DoctorReport;
      try {
        report = await diagnoseToken(token, { targets: flat, keys: options.keys, now: at });
      } catch (error) {
        // diagnoseToken does not throw on token text; a key source that does is reported, never a 500.
        report = {
          result: 'fail',
          now: at,
          targets: [],
          checks: [
            {
              check: 'doctor',
              status: 'fail',
              detail: `the diagnosis stopped: ${error instanceof Error ? error.message : String(error)}`,
              hint: 'Try again; if it persists, run npm run doctor on this machine and report the output.',
            },
          ],
        };
      }
      return escapeStrings(portalReport(report, options.apis));
    },
  };
}

function portalReport(report: DoctorReport, apis: readonly DoctorApi[]): PortalDoctorReport {
  const judged = report.targets;
  let next = 0;
  const take = (scoped: readonly ScopedTarget[]): PortalTargetReport[] => {
    const part = judged.slice(next, next + scoped.length);
    next += scoped.length;
    return part.map((target, index) => targetReport(target, scoped[index].condition));
  };
  const readable = report.checks.every((check) => check.status !== 'fail');
  const apiReports = apis.map((api): PortalApiReport => {
    const targets = readable ? take(api.targets) : [];
    const operations = api.operations.map((operation): PortalOperationReport => {
      const own = readable ? take(operation.targets) : [];
      const note = operation.answersBeforeBase
        ? 'answers with return-response before <base />: no token is checked for this operation'
        : undefined;
      return {
        id: operation.id,
        name: operation.name,
        method: operation.method,
        urlTemplate: operation.urlTemplate,
        result: operation.answersBeforeBase ? 'unchecked' : resultOf(own, readable),
        targets: own,
        unchecked: operation.unchecked,
        ...(note ? { note } : {}),
      };
    });
    const result = resultOf(targets, readable, api.targets.length);
    return {
      id: api.id,
      name: api.name,
      path: api.path,
      result,
      summary: apiSummary(api, result, readable),
      targets,
      unchecked: api.unchecked,
      operations,
    };
  });
  // A failing <choose> branch does not fail the token (its condition may not hold); everything else does.
  const failed =
    !readable ||
    apiReports.some((a) => a.result === 'fail' || a.operations.some((operation) => operation.result === 'fail'));
  return {
    result: failed ? 'fail' : 'pass',
    judgedAt: new Date(report.now).toISOString(),
    checks: report.checks.map(portalCheck),
    token: report.token ? tokenRows(report.token) : [],
    apis: apiReports,
  };
}

/** Only the policies that always run decide; a `<choose>` branch's failure is shown with its condition. */
function resultOf(targets: readonly PortalTargetReport[], readable: boolean, expected = targets.length): PortalResult {
  if (!readable) return expected === 0 ? 'unchecked' : 'fail';
  const always = targets.filter((target) => target.condition === undefined);
  if (always.length === 0) return targets.length > 0 ? 'conditional' : 'unchecked';
  return always.some((target) => target.result === 'fail') ? 'fail' : 'pass';
}

function apiSummary(api: DoctorApi, result: PortalResult, readable: boolean): string {
  if (!readable && result === 'fail') return `The token cannot be read (see the format check): ${api.name} refuses it.`;
  if (result === 'pass') {
    return api.targets.some((target) => target.condition !== undefined)
      ? `The token checks every call to ${api.name} meets pass. A check inside <choose> runs only when its condition holds, which the doctor does not evaluate: see its result below.`
      : `Every token check of ${api.name} passes: the gateway lets the call through.`;
  }
  if (result === 'fail') return `The gateway refuses this token on ${api.name}; the failed checks say why.`;
  if (api.targets.length > 0) {
    return `Every token check of ${api.name} sits inside <choose>, whose conditions the doctor does not evaluate: see each result below.`;
  }
  return api.unchecked.length > 0
    ? `${api.name}'s token policies depend on the request: the doctor cannot check them here.`
    : `${api.name} checks no token in its global or API policies.`;
}

function targetReport(target: TargetReport, condition: string | undefined): PortalTargetReport {
  const checks = target.checks.map(portalCheck);
  const when = condition ? { condition } : {};
  const onlyIf = condition ? `only if its branch runs (${condition}): ` : '';
  if (target.result === 'pass' || !target.answer) {
    return {
      label: target.label,
      result: target.result,
      ...when,
      checks,
      answer: `${onlyIf}passes: the gateway goes on with the call`,
    };
  }
  return {
    label: target.label,
    result: 'fail',
    ...when,
    checks,
    answer: `${onlyIf}${answerText(target.answer)}`,
    status: target.answer.status,
  };
}

function portalCheck(check: DoctorCheck): PortalCheck {
  return {
    check: check.check,
    status: check.status,
    detail: check.detail,
    ...(check.hint ? { hint: check.hint } : {}),
    ...(check.code ? { code: check.code } : {}),
  };
}

/** The token's facts as rows; claim values rendered bounded (a hostile claim may be huge or deeply nested). */
function tokenRows(token: TokenSummary): { name: string; value: string }[] {
  const shown = (value: unknown) => (typeof value === 'string' ? value : renderBounded(value));
  const rows: [string, unknown][] = [
    ['alg', token.alg],
    ['kid', token.kid],
    ['typ', token.typ],
    ['version', token.version ? `${token.version} (${token.version === '2.0' ? 'v2' : 'v1'} token)` : undefined],
    ['iss', token.iss],
    ['aud', token.aud],
    ['tid', token.tid],
    ['client', token.client ? `${token.client.value} (${token.client.claim})` : undefined],
    ['roles', token.roles],
    ['scp', token.scp],
    ['issued (iat)', token.iat],
    ['not before (nbf)', token.nbf],
    ['expires (exp)', token.exp],
  ];
  return rows.filter(([, value]) => value !== undefined).map(([name, value]) => ({ name, value: shown(value) }));
}

/** A copy with every string's control characters escaped (the report is data the page shows as text). */
function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControlCharacters(value) as T;
  if (Array.isArray(value)) return value.map((item) => escapeStrings(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeStrings(item)])) as T;
  }
  return value;
}
