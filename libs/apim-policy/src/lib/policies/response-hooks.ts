import type { GatewayContext } from '../context/gateway-context';

type ResponseHook = (context: GatewayContext) => void;

const pending = new WeakMap<GatewayContext, ResponseHook[]>();

/**
 * Work a policy defers until the response is final: rate-limit's response headers, and
 * rate-limit-by-key's `increment-condition`, which APIM evaluates once the response exists (its doc
 * example reads `context.Response.StatusCode` from an inbound policy).
 */
export function onResponseComplete(context: GatewayContext, hook: ResponseHook): void {
  const hooks = pending.get(context) ?? [];
  hooks.push(hook);
  pending.set(context, hooks);
}

/**
 * Runs the deferred work once, in registration order. The pipeline calls it after outbound/on-error,
 * just before it writes `context.response`. Errors do not stop the others; they are returned for the log.
 */
export function completeResponse(context: GatewayContext): unknown[] {
  const hooks = pending.get(context) ?? [];
  pending.delete(context);
  const errors: unknown[] = [];
  for (const hook of hooks) {
    try {
      hook(context);
    } catch (error) {
      errors.push(error);
    }
  }
  return errors;
}
