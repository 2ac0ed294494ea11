import { cs, type CatalogueExpression } from '../catalogue-entry';

/** `long`, `byte`, `decimal`, `int.Parse` / `TryParse`, `Math`, `Guid`. */
export const NUMBER_AND_GUID_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'numbers/int-parse-header',
    features: ['numeric-types', 'context'],
    source: cs`@(int.Parse(context.Request.Headers.GetValueOrDefault("X-Items", "0")) * 10)`,
    expected: '30',
  },
  {
    id: 'numbers/int-try-parse',
    features: ['numeric-types', 'statements', 'context'],
    source: cs`@{
    int pageSize;
    if (!int.TryParse(context.Request.Url.Query.GetValueOrDefault("pageSize", ""), out pageSize)) { pageSize = 25; }
    return Math.Min(pageSize, 100);
}`,
    expected: '25',
  },
  {
    id: 'numbers/try-parse-out-var',
    features: ['numeric-types', 'context'],
    source: cs`@(int.TryParse(context.Request.Url.Query.GetValueOrDefault("page", ""), out var page) && page > 1)`,
    expected: 'True',
  },
  {
    id: 'numbers/long-arithmetic',
    features: ['numeric-types'],
    source: cs`@{
    long quota = 5000000000L;
    long used = 1234567890;
    return (quota - used).ToString();
}`,
    expected: '3765432110',
  },
  {
    id: 'numbers/long-parse',
    features: ['numeric-types', 'context'],
    source: cs`@(long.Parse(context.Request.Headers.GetValueOrDefault("Content-Length", "0")) > 10485760L)`,
    expected: 'False',
  },
  {
    id: 'numbers/byte-array-length',
    features: ['numeric-types', 'new'],
    source: cs`@(new byte[16].Length)`,
    expected: '16',
  },
  {
    id: 'numbers/convert-to-int32',
    features: ['numeric-types', 'context'],
    source: cs`@(Convert.ToInt32(context.Variables.GetValueOrDefault("attempt", 0)) + 1)`,
    expected: '4',
  },
  {
    id: 'numbers/math-round-decimal',
    features: ['numeric-types', 'body', 'json', 'context'],
    source: cs`@(Math.Round((decimal)context.Request.Body.As<JObject>(preserveContent: true)["items"][0]["price"] * 1.2m, 2))`,
    expected: '6.60',
    note: 'decimal keeps trailing zeros in .NET',
  },
  {
    id: 'numbers/double-parse',
    features: ['numeric-types'],
    source: cs`@(double.Parse("2.75") * 2)`,
    expected: '5.5',
  },
  {
    id: 'numbers/bool-parse',
    features: ['numeric-types', 'context'],
    source: cs`@(bool.Parse(context.Request.Url.Query.GetValueOrDefault("dryRun", "false")))`,
    expected: 'False',
  },
  {
    id: 'numbers/max-value',
    features: ['numeric-types'],
    source: cs`@(int.MaxValue.ToString().Length)`,
    expected: '10',
  },
  {
    id: 'guid/new-guid',
    features: ['guid'],
    source: cs`@(Guid.NewGuid().ToString())`,
    note: 'a correlation id when the caller sent none',
  },
  {
    id: 'guid/new-guid-n-format',
    features: ['guid'],
    source: cs`@(Guid.NewGuid().ToString("N").Length)`,
    expected: '32',
  },
  {
    id: 'guid/correlation-fallback',
    features: ['guid', 'context'],
    source: cs`@(context.Request.Headers.GetValueOrDefault("X-Correlation-Id", Guid.NewGuid().ToString()))`,
    expected: 'corr-123',
  },
  {
    id: 'guid/try-parse',
    features: ['guid', 'context'],
    source: cs`@(Guid.TryParse(context.Request.MatchedParameters.GetValueOrDefault("id", ""), out var parsed))`,
    expected: 'False',
  },
  {
    id: 'guid/parse-and-format',
    features: ['guid'],
    source: cs`@(Guid.Parse("3F2504E0-4F89-11D3-9A0C-0305E82C3301").ToString("D"))`,
    expected: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  },
  {
    id: 'guid/empty-compare',
    features: ['guid'],
    source: cs`@(Guid.Empty.ToString())`,
    expected: '00000000-0000-0000-0000-000000000000',
  },
];
