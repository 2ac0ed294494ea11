import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import { PolicyFailure, type PolicyCompileContext } from '../policy-step';
import { onResponseComplete } from '../response-hooks';
import { optionalName } from '../typed-attribute';
import type { RateLimitResult } from './rate-limit-store';

/** Attributes rate-limit and rate-limit-by-key share (no expressions, as APIM). */
export const REPORTING_ATTRIBUTES = [
  'retry-after-header-name',
  'retry-after-variable-name',
  'remaining-calls-header-name',
  'remaining-calls-variable-name',
  'total-calls-header-name',
];

/** Where a limit reports retry-after, remaining and total calls. */
export interface LimitReporting {
  readonly retryAfterHeader: string;
  readonly retryAfterVariable?: string;
  readonly remainingHeader?: string;
  readonly remainingVariable?: string;
  readonly totalHeader?: string;
}

/** Reads the reporting attributes; `retry-after-header-name` defaults to `Retry-After`. */
export function readReporting(element: PolicyElement, context: PolicyCompileContext): LimitReporting {
  const name = (attribute: string) => optionalName(context, element, attribute);
  return {
    retryAfterHeader: name('retry-after-header-name') ?? 'Retry-After',
    retryAfterVariable: name('retry-after-variable-name'),
    remainingHeader: name('remaining-calls-header-name'),
    remainingVariable: name('remaining-calls-variable-name'),
    totalHeader: name('total-calls-header-name'),
  };
}

/**
 * Publishes `result`: variables now, response headers once the response is final; a refused call
 * becomes APIM's 429 with the retry interval in the configured header.
 */
export function report(ctx: GatewayContext, reporting: LimitReporting, result: RateLimitResult, calls: number): void {
  if (reporting.remainingVariable) ctx.variables.set(reporting.remainingVariable, result.remaining);
  const counters: Record<string, string> = {};
  if (reporting.remainingHeader) counters[reporting.remainingHeader] = String(result.remaining);
  if (reporting.totalHeader) counters[reporting.totalHeader] = String(calls);
  if (result.allowed) {
    if (Object.keys(counters).length > 0) {
      onResponseComplete(ctx, (done) => {
        const headers = done.ensureResponse().headers;
        for (const [name, value] of Object.entries(counters)) headers.set(name, [value]);
      });
    }
    return;
  }
  const seconds = Math.max(1, Math.ceil(result.retryAfterSeconds));
  if (reporting.retryAfterVariable) ctx.variables.set(reporting.retryAfterVariable, seconds);
  throw new PolicyFailure(
    429,
    `Rate limit is exceeded. Try again in ${seconds} seconds.`,
    'rate-limit',
    'RateLimitExceeded',
    { ...counters, [reporting.retryAfterHeader]: String(seconds) },
  );
}
