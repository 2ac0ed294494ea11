import { cs, type CatalogueExpression } from '../catalogue-entry';

/** `$"…{x}…"` and `string.Format`. */
export const INTERPOLATION_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'interpolation/cache-key',
    features: ['interpolation', 'context'],
    source: cs`@($"{context.Api.Id}:{context.Request.Method}:{context.Request.OriginalUrl.Path}")`,
    expected: 'orders-api:POST:/orders/v2/items/17',
  },
  {
    id: 'interpolation/backend-url',
    features: ['interpolation', 'context'],
    source: cs`@($"https://orders-{context.Request.Url.Query.GetValueOrDefault("region", "eu")}.internal/api")`,
    expected: 'https://orders-eu.internal/api',
  },
  {
    id: 'interpolation/format-specifier',
    features: ['interpolation', 'datetime', 'context'],
    source: cs`@($"{context.Timestamp:yyyy-MM-dd}")`,
    expected: '2024-03-15',
  },
  {
    id: 'interpolation/with-expression',
    features: ['interpolation', 'context'],
    source: cs`@($"attempt {(int)context.Variables["attempt"] + 1} of 5")`,
    expected: 'attempt 4 of 5',
  },
  {
    id: 'interpolation/escaped-braces',
    features: ['interpolation'],
    source: cs`@($"{{\"region\":\"{"eu"}\"}}")`,
    expected: '{"region":"eu"}',
  },
  {
    id: 'interpolation/ternary-inside',
    features: ['interpolation', 'context'],
    source: cs`@($"tier={(context.Request.Headers.ContainsKey("X-Tier") ? "paid" : "free")}")`,
    expected: 'tier=paid',
  },
  {
    id: 'interpolation/verbatim',
    features: ['interpolation', 'context'],
    source: cs`@($@"C:\logs\{context.Deployment.Region}")`,
    expected: String.raw`C:\logs\local`,
  },
  {
    id: 'interpolation/string-format',
    features: ['interpolation', 'context'],
    source: cs`@(string.Format("{0} {1} -> {2}", context.Request.Method, context.Request.OriginalUrl.Path, context.Api.ServiceUrl.Host))`,
    expected: 'POST /orders/v2/items/17 -> orders-eu.internal',
  },
  {
    id: 'interpolation/string-format-padding',
    features: ['interpolation', 'numeric-types'],
    source: cs`@(String.Format("{0:D5}", 42))`,
    expected: '00042',
  },
  {
    id: 'interpolation/alignment-and-number-format',
    features: ['interpolation', 'numeric-types'],
    source: cs`@($"{1234.5:F2}|{7,3}|")`,
    expected: '1234.50|  7|',
  },
  {
    id: 'interpolation/in-block',
    features: ['interpolation', 'statements', 'context'],
    source: cs`@{
    var user = context.User?.Email ?? "anonymous";
    var sub = context.Subscription?.Name ?? "none";
    return $"user={user}; subscription={sub}";
}`,
    expected: 'user=anonymous; subscription=Partner',
  },
];
