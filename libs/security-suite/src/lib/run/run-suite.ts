/**
 * Runs the catalogue against one target: builds each case's request, sends it with a timeout, judges the answer,
 * and watches the canary. Bounded: every request has a timeout and the run a deadline, after which the cases not
 * yet sent are reported as not run (a failure).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { casesFor } from '../catalogue';
import { validClaims, trusted, bearer } from '../catalogue/forge';
import type { AttackCase, AttackContext, AttackRequest, TargetKind, TokenIdentity, TrustedKey } from '../model';
import { sendRaw } from '../http/send-raw';
import { sendRequest } from '../http/send-request';
import type { TargetResponse, WireRequest } from '../http/target-response';
import { createAttackerKeys } from './attacker-keys';
import { startCanary } from './canary';
import { describeOutcomes, describeResponse, judge, type JudgeOptions, type Verdict } from './judge';

export interface SuiteOptions {
  /** Base URL of the target, e.g. http://localhost:3000. */
  readonly target: string;
  readonly kind: TargetKind;
  /** Path attacked (a route that needs a token and the role in `identity.role`). */
  readonly path: string;
  readonly identity: TokenIdentity;
  readonly trustedKey?: TrustedKey;
  /** The target's public key and a kid it publishes (derived from `trustedKey` when absent). */
  readonly targetPublicKey?: { readonly key: KeyObject; readonly kid: string };
  readonly clockSkewSeconds?: number;
  /** apim: the key sent with every case (header `subscriptionKeyHeader`). */
  readonly subscriptionKey?: string;
  readonly subscriptionKeyHeader?: string;
  readonly suspendedKey?: string;
  readonly otherProductKey?: string;
  readonly judge?: JudgeOptions;
  /** Per request. Default 10 s. */
  readonly timeoutMs?: number;
  /** Whole run. Default 5 min. */
  readonly deadlineMs?: number;
  /** Parallel requests of a flood. Default 8. */
  readonly floodConcurrency?: number;
  /** Called after each case (progress). */
  readonly onResult?: (result: CaseResult) => void;
}

export interface CaseResult {
  readonly id: string;
  readonly family: AttackCase['family'];
  readonly description: string;
  readonly expected: string;
  readonly got: string;
  readonly verdict: Verdict;
}

export interface SuiteSummary {
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Requests answered 2xx (a hostile request accepted). */
  readonly accepted: number;
  /** Requests answered 5xx. */
  readonly serverErrors: number;
  readonly canaryHits: number;
}

export interface SuiteReport {
  readonly target: string;
  readonly kind: TargetKind;
  readonly path: string;
  readonly results: readonly CaseResult[];
  readonly summary: SuiteSummary;
  /** What the canary received (method and path). */
  readonly canaryRequests: readonly string[];
  /** The control request (a valid token, when the run has the trusted key) and what it got. */
  readonly control?: { readonly got: string; readonly ok: boolean };
  /** Families skipped as a whole, and why. */
  readonly notes: readonly string[];
}

/** A run is clean when nothing failed, nothing was accepted, nothing answered 5xx and the canary heard nothing. */
export function isClean(report: SuiteReport): boolean {
  const s = report.summary;
  return s.failed === 0 && s.accepted === 0 && s.serverErrors === 0 && s.canaryHits === 0;
}

export async function runSuite(options: SuiteOptions): Promise<SuiteReport> {
  const started = Date.now();
  const deadline = started + (options.deadlineMs ?? 300_000);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const canary = await startCanary();
  try {
    const context = await contextFor(options, canary.url);
    const notes: string[] = [];
    const control = context.trustedKey ? await sendControl(options, context, timeoutMs) : undefined;
    let claimsSkip: string | undefined;
    if (!context.trustedKey) {
      claimsSkip = 'needs the signing key the target trusts (--identity-data or --signing-key/--kid)';
      notes.push(`claims family skipped: it ${claimsSkip}; a target behind real Entra cannot be given one.`);
    } else if (control && !control.ok) {
      claimsSkip = `the control token (valid, signed with the given key) was refused: ${control.got}; check --issuer, --audience, --tenant, --client-id, --role, --path`;
      notes.push(`claims family skipped: ${claimsSkip}.`);
    }

    const results: CaseResult[] = [];
    let accepted = 0;
    let serverErrors = 0;
    for (const attack of casesFor(options.kind)) {
      const expected = describeOutcomes(attack.expect[options.kind], options.judge);
      const base = { id: attack.id, family: attack.family, description: attack.description, expected };
      const skip = attack.family === 'claims' && claimsSkip ? claimsSkip : attack.skip?.(context);
      let result: CaseResult;
      if (skip) {
        result = { ...base, got: `skipped: ${skip}`, verdict: 'skipped' };
      } else if (Date.now() > deadline) {
        result = { ...base, got: 'not run: the run deadline passed', verdict: 'fail' };
      } else {
        const hitsBefore = canary.hits.length;
        // Each case reads the clock when it is built: lifetime edges are seconds wide.
        const now = Math.floor(Date.now() / 1000);
        const outcome = await runCase(attack, options, { ...context, now }, timeoutMs);
        accepted += outcome.accepted;
        serverErrors += outcome.serverErrors;
        const canaryCalled = canary.hits.length > hitsBefore;
        result = canaryCalled
          ? {
              ...base,
              got: `${outcome.got}; canary called: ${canary.hits.slice(hitsBefore).join(', ')}`,
              verdict: 'fail',
            }
          : { ...base, got: outcome.got, verdict: outcome.verdict };
      }
      results.push(result);
      options.onResult?.(result);
    }
    // Give a target that fetches in the background a moment to do so.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return {
      target: options.target,
      kind: options.kind,
      path: options.path,
      results,
      control,
      notes,
      canaryRequests: [...canary.hits],
      summary: {
        cases: results.length,
        passed: results.filter((r) => r.verdict === 'pass').length,
        failed: results.filter((r) => r.verdict !== 'pass' && r.verdict !== 'skipped').length,
        skipped: results.filter((r) => r.verdict === 'skipped').length,
        accepted,
        serverErrors,
        canaryHits: canary.hits.length,
      },
    };
  } finally {
    await canary.close();
  }
}

async function contextFor(options: SuiteOptions, canaryUrl: string): Promise<AttackContext> {
  const derivedPublicKey = options.trustedKey && {
    key: createPublicKey(options.trustedKey.privateKey),
    kid: options.trustedKey.kid,
  };
  return {
    now: Math.floor(Date.now() / 1000),
    clockSkewSeconds: options.clockSkewSeconds ?? 0,
    identity: options.identity,
    trustedKey: options.trustedKey,
    targetPublicKey: options.targetPublicKey ?? derivedPublicKey,
    attacker: await createAttackerKeys(),
    canaryUrl,
    subscriptionKeys: { suspended: options.suspendedKey, otherProduct: options.otherProductKey },
  };
}

async function sendControl(options: SuiteOptions, context: AttackContext, timeoutMs: number) {
  try {
    const response = await send(options, { authorization: bearer(trusted(context, validClaims(context))) }, timeoutMs);
    return { got: describeResponse(response), ok: response.status >= 200 && response.status < 300 };
  } catch (error) {
    return { got: `no answer: ${(error as Error).message}`, ok: false };
  }
}

interface CaseOutcome {
  readonly verdict: Verdict;
  readonly got: string;
  readonly accepted: number;
  readonly serverErrors: number;
}

async function runCase(
  attack: AttackCase,
  options: SuiteOptions,
  context: AttackContext,
  timeoutMs: number,
): Promise<CaseOutcome> {
  const outcomes = attack.expect[options.kind];
  const repeat = attack.repeat ?? 1;
  const verdicts: Verdict[] = [];
  const answers = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < repeat) {
      const index = next++;
      let verdict: Verdict;
      let got: string;
      try {
        const response = await send(options, attack.build(context, index), timeoutMs);
        ({ verdict, got } = judge(response, outcomes, options.judge));
      } catch (error) {
        verdict = 'fail';
        got = `no answer: ${(error as Error).message}`;
      }
      verdicts.push(verdict);
      answers.set(got, (answers.get(got) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(repeat, options.floodConcurrency ?? 8) }, worker));
  const got =
    repeat === 1
      ? [...answers.keys()][0]
      : [...answers.entries()].map(([text, count]) => `${count}x ${text}`).join('; ');
  const worst: Verdict =
    (['server-error', 'accepted', 'fail'] as const).find((bad) => verdicts.includes(bad)) ?? 'pass';
  return {
    verdict: worst,
    got,
    accepted: verdicts.filter((v) => v === 'accepted').length,
    serverErrors: verdicts.filter((v) => v === 'server-error').length,
  };
}

/** The wire request of a case: path, query, Authorization header(s) and the subscription key. */
export function wireRequest(options: SuiteOptions, request: AttackRequest): WireRequest {
  const url = new URL(options.path, options.target);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.append(name, value);
  const headers: Array<[string, string]> = [];
  const authorizations =
    request.authorization === undefined
      ? []
      : typeof request.authorization === 'string'
        ? [request.authorization]
        : request.authorization;
  for (const value of authorizations) headers.push(['Authorization', value]);
  if (request.rawAuthorization !== undefined) headers.push(['Authorization', request.rawAuthorization]);
  const key = request.subscriptionKey === undefined ? options.subscriptionKey : request.subscriptionKey;
  if (options.kind === 'apim' && typeof key === 'string') {
    headers.push([options.subscriptionKeyHeader ?? 'Ocp-Apim-Subscription-Key', key]);
  }
  return { url, headers };
}

function send(options: SuiteOptions, request: AttackRequest, timeoutMs: number): Promise<TargetResponse> {
  const wire = wireRequest(options, request);
  return request.rawAuthorization !== undefined ? sendRaw(wire, timeoutMs) : sendRequest(wire, timeoutMs);
}
