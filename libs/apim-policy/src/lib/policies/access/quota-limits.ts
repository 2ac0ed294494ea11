import type { PolicyElement } from '@stack/claim-policy';
import type { PolicyCompileContext } from '../policy-step';
import { DOTNET_EPOCH_MS, type QuotaLimit, type QuotaStore } from '../services/quota-store';
import { integerType, requiredTyped } from '../typed-attribute';

/** Reads `calls` / `bandwidth` (at least one) and `renewal-period`; no expressions, as APIM. */
export function readQuotaLimit(
  element: PolicyElement,
  context: PolicyCompileContext,
  options: { readonly minPeriod?: number; readonly fallbackPeriod?: number; readonly firstPeriodStartMs?: number } = {},
): QuotaLimit {
  const optionalCount = (name: string) =>
    element.attributes[name] === undefined
      ? undefined
      : requiredTyped(context, element, name, integerType(1), { expressions: false }).constant;
  const calls = optionalCount('calls');
  const kilobytes = optionalCount('bandwidth');
  if (calls === undefined && kilobytes === undefined) {
    throw context.error(
      'POLICY_MISSING_ATTRIBUTE',
      element,
      `<${element.name}> needs calls="…" (calls per period), bandwidth="…" (kilobytes per period), or both.`,
    );
  }
  let renewalPeriodSeconds = options.fallbackPeriod;
  if (element.attributes['renewal-period'] !== undefined || renewalPeriodSeconds === undefined) {
    renewalPeriodSeconds = requiredTyped(context, element, 'renewal-period', integerType(0), {
      expressions: false,
    }).constant as number;
  }
  const minimum = options.minPeriod ?? 1;
  if (renewalPeriodSeconds !== 0 && renewalPeriodSeconds < minimum) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      `renewal-period is ${renewalPeriodSeconds} seconds; APIM's minimum is ${minimum} (or 0 for a quota that never renews).`,
      { attribute: 'renewal-period' },
    );
  }
  return { calls, kilobytes, renewalPeriodSeconds, firstPeriodStartMs: options.firstPeriodStartMs ?? DOTNET_EPOCH_MS };
}

/** The quota store, or a load error saying how to configure one. */
export function quotaStoreOf(element: PolicyElement, context: PolicyCompileContext): QuotaStore {
  const store = context.services.quotas;
  if (!store) {
    throw context.error(
      'POLICY_UNKNOWN_ELEMENT',
      element,
      `<${element.name}> needs a quota store and this gateway has none; pass services.quotas (e.g. new MemoryQuotaStore(), or the gateway's Redis store with GATEWAY_QUOTA_REDIS_URL).`,
    );
  }
  return store;
}
