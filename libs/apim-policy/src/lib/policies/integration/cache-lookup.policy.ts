import { createHash } from 'node:crypto';
import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import { STOP, type PolicyCompileContext, type PolicyDefinition, type StepResult } from '../policy-step';
import { booleanType, choiceType, optionalTyped, requiredTyped, type TypedValue } from '../typed-attribute';
import { cacheFor, readQuietly } from './caching-type';
import { applyDownstreamCaching, expectStore, fromCached, markServedFromCache } from './cached-response';

/** Keys of cache-lookup/cache-store entries, apart from cache-*-value's. */
export const RESPONSE_KEY_PREFIX = 'apim-response:';

interface Vary {
  readonly headers: readonly string[];
  /** Undefined: the whole query string is part of the key. */
  readonly query?: readonly string[];
  readonly developer: TypedValue<boolean>;
  readonly groups: TypedValue<boolean>;
}

/**
 * `cache-lookup` (inbound): for a GET, answers from the response cache when an entry for this
 * operation, path and the listed headers / query parameters (and caller, with vary-by-developer) is
 * there: the backend is not called and, as APIM does, processing resumes in outbound after the cache-store
 * (so policies placed after it, such as a fresh X-Request-Id, still run on a hit). On a miss the request goes on and the
 * outbound `cache-store` keeps the answer. Requests with an Authorization header are neither looked
 * up nor stored unless `allow-private-response-caching` is true.
 */
export const cacheLookupPolicy: PolicyDefinition = {
  name: 'cache-lookup',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, [
      'vary-by-developer',
      'vary-by-developer-groups',
      'caching-type',
      'downstream-caching-type',
      'must-revalidate',
      'allow-private-response-caching',
    ]);
    context.expectChildren(element, ['vary-by-header', 'vary-by-query-parameter']);
    const vary: Vary = {
      headers: texts(element, 'vary-by-header', context).map((name) => name.toLowerCase()),
      query: element.children.some((child) => child.name === 'vary-by-query-parameter')
        ? texts(element, 'vary-by-query-parameter', context).flatMap((text) =>
            text
              .split(';')
              .map((name) => name.trim())
              .filter(Boolean),
          )
        : undefined,
      developer: requiredTyped(context, element, 'vary-by-developer', booleanType),
      groups: requiredTyped(context, element, 'vary-by-developer-groups', booleanType),
    };
    const downstreamType = optionalTyped(
      context,
      element,
      'downstream-caching-type',
      choiceType(['none', 'private', 'public'] as const),
      'none',
    );
    const mustRevalidate = optionalTyped(context, element, 'must-revalidate', booleanType, true);
    const allowPrivate = optionalTyped(context, element, 'allow-private-response-caching', booleanType, false);
    const cache = cacheFor(element, context);
    const now = context.services.now;
    return {
      location: context.locate(element),
      async run(ctx): Promise<StepResult> {
        if (ctx.request.method !== 'GET') return;
        if (ctx.request.headers.has('authorization') && !allowPrivate.evaluate(ctx)) return;
        const key = responseKey(ctx, vary);
        const downstream = { type: downstreamType.evaluate(ctx), mustRevalidate: mustRevalidate.evaluate(ctx) };
        const hit = fromCached(await readQuietly(cache, key));
        if (!hit) {
          expectStore(ctx, { cache, key, downstream });
          return;
        }
        const { expiresAt, ...response } = hit;
        applyDownstreamCaching(response, downstream, (expiresAt - now()) / 1000);
        ctx.response = response;
        markServedFromCache(ctx);
        return STOP;
      },
    };
  },
};

function texts(element: PolicyElement, name: string, context: PolicyCompileContext): string[] {
  return element.children
    .filter((child) => child.name === name)
    .map((child) => {
      context.expectAttributes(child, []);
      context.expectChildren(child, []);
      const source = context.text(child);
      if (!source.isConstant) {
        throw context.error(
          'EXPRESSION_UNSUPPORTED',
          child,
          `<${name}> names a header or parameter; write the name, not an expression.`,
        );
      }
      const text = source.raw.trim();
      if (!text) throw context.error('POLICY_INVALID_VALUE', child, `<${name}> is empty; write a name.`);
      return text;
    });
}

/** What a cached answer is for: operation, path, the varied headers and query, and the caller when asked. */
function responseKey(ctx: GatewayContext, vary: Vary): string {
  const url = ctx.request.originalUrl;
  const query = vary.query
    ? vary.query.map((name) => [name, url.searchParams.getAll(name)])
    : [...new URLSearchParams(url.search)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = {
    api: ctx.api.id,
    operation: ctx.operation.id,
    path: url.pathname,
    query,
    headers: vary.headers.map((name) => [name, ctx.request.headers.get(name) ?? []]),
    // Developers and their groups are not modelled here: the subscription stands for both.
    caller: vary.developer.evaluate(ctx) || vary.groups.evaluate(ctx) ? (ctx.subscription?.id ?? '') : undefined,
  };
  // Hashed: a varied-by Authorization header (APIM's advice with allow-private-response-caching) must never land in
  // an external cache's key space as a readable bearer token.
  return RESPONSE_KEY_PREFIX + createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
