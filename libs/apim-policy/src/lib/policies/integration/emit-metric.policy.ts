import type { GatewayContext } from '../../context/gateway-context';
import type { PolicyDefinition, ValueSource } from '../policy-step';
import { optionalTyped, type ValueType } from '../typed-attribute';
import { requireTelemetry } from './require-service';

/** APIM: at most 10 custom dimensions. */
export const MAX_DIMENSIONS = 10;
export const DEFAULT_METRIC_NAMESPACE = 'API Management';

/** Dimensions APIM fills in when their `value` is left out. Users and groups are not modelled: User ID is empty. */
const DEFAULT_DIMENSIONS: Readonly<Record<string, (ctx: GatewayContext) => string>> = {
  'api id': (ctx) => ctx.api.id,
  'operation id': (ctx) => ctx.operation.id,
  'product id': (ctx) => ctx.product?.id ?? '',
  'user id': () => '',
  'subscription id': (ctx) => ctx.subscription?.id ?? '',
  location: (ctx) => ctx.deployment.region,
  'gateway id': (ctx) => ctx.deployment.serviceName,
};

const doubleType: ValueType<number> = {
  describe: 'a number (a double, e.g. 1 or 2.5)',
  parse: (text) => (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined),
};

interface Dimension {
  readonly name: ValueSource;
  readonly value?: ValueSource;
}

/**
 * `emit-metric`: writes a custom metric (`name`, `namespace`, `value` as a double, default 1) with 1 to
 * 10 `<dimension name value>`s to the gateway's telemetry sink. A dimension without `value` must be
 * one of APIM's default dimensions (API ID, Operation ID, Product ID, User ID, Subscription ID,
 * Location, Gateway ID), which the gateway fills in.
 */
export const emitMetricPolicy: PolicyDefinition = {
  name: 'emit-metric',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['name', 'namespace', 'value']);
    context.expectChildren(element, ['dimension']);
    const telemetry = requireTelemetry(element, context);
    const name = context.attribute(element, 'name', { required: true, expressions: false }).raw.trim();
    const namespace =
      context.attribute(element, 'namespace', { expressions: false })?.raw.trim() ?? DEFAULT_METRIC_NAMESPACE;
    const value = optionalTyped(context, element, 'value', doubleType, 1);
    if (element.children.length === 0 || element.children.length > MAX_DIMENSIONS) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        `<emit-metric> takes 1 to ${MAX_DIMENSIONS} <dimension name="…" value="…" /> elements.`,
      );
    }
    const dimensions: Dimension[] = element.children.map((child) => {
      context.expectAttributes(child, ['name', 'value']);
      context.expectChildren(child, []);
      const dimensionName = context.attribute(child, 'name', { required: true });
      const dimensionValue = context.attribute(child, 'value');
      if (!dimensionValue && dimensionName.isConstant && !DEFAULT_DIMENSIONS[dimensionName.raw.trim().toLowerCase()]) {
        throw context.error(
          'POLICY_MISSING_ATTRIBUTE',
          child,
          `add value="…": only APIM's default dimensions (API ID, Operation ID, Product ID, User ID, Subscription ID, Location, Gateway ID) may leave it out.`,
          { attribute: 'value' },
        );
      }
      return { name: dimensionName, value: dimensionValue };
    });
    return {
      location: context.locate(element),
      run(ctx) {
        const values: Record<string, string> = {};
        for (const dimension of dimensions) {
          const key = dimension.name.evaluate(ctx).trim();
          values[key] = dimension.value
            ? dimension.value.evaluate(ctx)
            : (DEFAULT_DIMENSIONS[key.toLowerCase()]?.(ctx) ?? '');
        }
        telemetry.metric({ name, namespace, value: value.evaluate(ctx), dimensions: values, requestId: ctx.requestId });
      },
    };
  },
};
