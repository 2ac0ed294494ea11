import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import type { PolicyCompileContext, PolicyDefinition } from '../policy-step';
import type { QuotaLimit } from '../services/quota-store';
import { enforceQuotas, type QuotaCounter } from './quota-enforcement';
import { quotaStoreOf, readQuotaLimit } from './quota-limits';

const LIMIT_ATTRIBUTES = ['calls', 'bandwidth', 'renewal-period'];

/** A nested `<api>` / `<operation>` limit and how it picks requests (id wins over name, as APIM). */
interface NestedLimit {
  readonly by: 'id' | 'name';
  readonly value: string;
  readonly limit: QuotaLimit;
  readonly operations: readonly NestedLimit[];
}

/**
 * `quota`: a renewable or lifetime call and/or bandwidth quota per subscription, set in a product's
 * policy; `<api>` and `<operation>` children add their own counters, applied independently. Calls
 * without a subscription are not counted (as rate-limit).
 */
export const quotaPolicy: PolicyDefinition = {
  name: 'quota',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, LIMIT_ATTRIBUTES);
    context.expectChildren(element, ['api']);
    if (context.scope !== 'product') {
      throw context.error(
        'POLICY_WRONG_SECTION',
        element,
        `APIM allows <quota> only in a product's policy (it counts per subscription to the product); here (${context.scope} scope) use <quota-by-key counter-key="@(context.Subscription.Id)" …> instead.`,
      );
    }
    const limit = readQuotaLimit(element, context);
    const apis = element.children.map((child) => readNested(child, context, limit, 'api'));
    const store = quotaStoreOf(element, context);
    const location = context.locate(element);
    return {
      location,
      async run(ctx) {
        if (!ctx.subscription) return;
        const base = `quota|${location.file}|${ctx.subscription.id}`;
        const counters: QuotaCounter[] = [{ key: base, limit }];
        for (const api of apis.filter((nested) => matches(nested, ctx, 'api'))) {
          counters.push({ key: `${base}|api:${ctx.api.id}`, limit: api.limit });
          for (const operation of api.operations.filter((nested) => matches(nested, ctx, 'operation'))) {
            counters.push({ key: `${base}|operation:${ctx.api.id}/${ctx.operation.id}`, limit: operation.limit });
          }
        }
        await enforceQuotas(ctx, store, counters, 1, 'quota');
      },
    };
  },
};

function readNested(
  element: PolicyElement,
  context: PolicyCompileContext,
  parent: QuotaLimit,
  kind: 'api' | 'operation',
): NestedLimit {
  context.expectAttributes(element, ['name', 'id', ...LIMIT_ATTRIBUTES]);
  context.expectChildren(element, kind === 'api' ? ['operation'] : []);
  const id = context.attribute(element, 'id', { expressions: false })?.raw.trim();
  const name = context.attribute(element, 'name', { expressions: false })?.raw.trim();
  if (!id && !name) {
    throw context.error(
      'POLICY_MISSING_ATTRIBUTE',
      element,
      `<${kind}> needs id="…" or name="…" naming the ${kind} it limits.`,
    );
  }
  const limit = readQuotaLimit(element, context, {
    fallbackPeriod: parent.renewalPeriodSeconds,
    firstPeriodStartMs: parent.firstPeriodStartMs,
  });
  return {
    by: id ? 'id' : 'name',
    value: (id || name) as string,
    limit,
    operations: element.children.map((child) => readNested(child, context, limit, 'operation')),
  };
}

function matches(nested: NestedLimit, ctx: GatewayContext, kind: 'api' | 'operation'): boolean {
  const target = kind === 'api' ? ctx.api : ctx.operation;
  return nested.by === 'id' ? target.id === nested.value : target.name === nested.value;
}
