import type { Body, GatewayContext } from '../../context/gateway-context';
import type { HeaderBag } from '../../context/header-bag';
import { PolicyFailure } from '../policy-step';
import { onResponseComplete } from '../response-hooks';
import type { QuotaLimit, QuotaResult, QuotaStore } from '../services/quota-store';

/** One counter a request is checked against: its store key and limits. */
export interface QuotaCounter {
  readonly key: string;
  readonly limit: QuotaLimit;
}

/**
 * Counts `calls` on every counter, refusing with APIM's 403 (QuotaExceeded, Retry-After) at the first one
 * used up; bandwidth is added once the response is final (request and response body sizes).
 */
export async function enforceQuotas(
  ctx: GatewayContext,
  store: QuotaStore,
  counters: readonly QuotaCounter[],
  calls: number,
  source: string,
): Promise<void> {
  // Several counters (quota's <api>/<operation>): a call one of them refuses counts on none.
  if (counters.length > 1) {
    for (const counter of counters) {
      const result = await store.take(counter.key, counter.limit, { calls: 0, kilobytes: 0 });
      if (!result.allowed) throw quotaExceeded(result, source);
    }
  }
  for (const counter of counters) {
    const result = await store.take(counter.key, counter.limit, { calls, kilobytes: 0 });
    if (!result.allowed) throw quotaExceeded(result, source);
  }
  const metered = counters.filter((counter) => counter.limit.kilobytes !== undefined);
  if (metered.length > 0) {
    onResponseComplete(ctx, (done) => {
      const kilobytes = exchangedKilobytes(done);
      for (const counter of metered) void store.add(counter.key, counter.limit, { calls: 0, kilobytes }).catch(ignore);
    });
  }
}

/** APIM's refusal: 403 "Out of call volume quota. Quota will be replenished in hh:mm:ss." with Retry-After. */
export function quotaExceeded(result: QuotaResult, source: string): PolicyFailure {
  const what = result.exceeded === 'bandwidth' ? 'bandwidth' : 'call volume';
  if (result.retryAfterSeconds === undefined) {
    // A lifetime quota (renewal-period 0) is never replenished: no interval to tell.
    return new PolicyFailure(403, `Out of ${what} quota.`, source, 'QuotaExceeded');
  }
  const seconds = Math.max(1, Math.ceil(result.retryAfterSeconds));
  return new PolicyFailure(
    403,
    `Out of ${what} quota. Quota will be replenished in ${timeSpanText(seconds)}.`,
    source,
    'QuotaExceeded',
    { 'Retry-After': String(seconds) },
  );
}

/** Whole seconds as .NET prints a TimeSpan: `hh:mm:ss`, `d.hh:mm:ss` from a day on. */
export function timeSpanText(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86_400);
  const two = (value: number) => String(value).padStart(2, '0');
  const clock = `${two(Math.floor(totalSeconds / 3600) % 24)}:${two(Math.floor(totalSeconds / 60) % 60)}:${two(totalSeconds % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

/** Kilobytes of the request and response bodies: the bytes when buffered, else Content-Length. */
export function exchangedKilobytes(ctx: GatewayContext): number {
  const bytes = bodyBytes(ctx.request.body, ctx.request.headers) + bodyBytes(ctx.response?.body, ctx.response?.headers);
  return bytes / 1024;
}

function bodyBytes(body: Body, headers: HeaderBag | undefined): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (Buffer.isBuffer(body)) return body.length;
  const length = Number(headers?.joined('content-length'));
  return Number.isFinite(length) && length > 0 ? length : 0;
}

/** A store that fails while adding bandwidth loses that bandwidth; the response is already on its way. */
function ignore(): void {
  return undefined;
}
