import { cs, type CatalogueExpression } from '../catalogue-entry';

/** System.Text.RegularExpressions. */
export const REGEX_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'regex/is-match-id',
    features: ['regex', 'context'],
    source: cs`@(Regex.IsMatch(context.Request.MatchedParameters["id"], @"^\d+$"))`,
    expected: 'True',
  },
  {
    id: 'regex/named-group',
    features: ['regex', 'context'],
    source: cs`@(Regex.Match(context.Request.OriginalUrl.Path, @"/v(?<major>\d+)/").Groups["major"].Value)`,
    expected: '2',
  },
  {
    id: 'regex/replace-digits',
    features: ['regex', 'context'],
    source: cs`@(Regex.Replace(context.Request.OriginalUrl.Path, @"/\d+", "/{id}"))`,
    expected: '/orders/v2/items/{id}',
    note: 'normalised operation path for metrics',
  },
  {
    id: 'regex/mask-card-number',
    features: ['regex', 'body', 'context'],
    source: cs`@(Regex.Replace(context.Response.Body.As<string>(), @"\b(\d{4})\d{8}(\d{4})\b", "$1********$2"))`,
  },
  {
    id: 'regex/options-ignore-case',
    features: ['regex', 'context'],
    source: cs`@(Regex.IsMatch(context.Request.Headers.GetValueOrDefault("User-Agent", ""), "curl|postman", RegexOptions.IgnoreCase))`,
    expected: 'True',
  },
  {
    id: 'regex/matches-count',
    features: ['regex'],
    source: cs`@(Regex.Matches("a1b22c333", @"\d+").Count)`,
    expected: '3',
  },
  {
    id: 'regex/success-check',
    features: ['regex', 'statements', 'context'],
    source: cs`@{
    var match = Regex.Match(context.Request.Headers.GetValueOrDefault("Accept", ""), @"version=(\d+)");
    return match.Success ? match.Groups[1].Value : "1";
}`,
    expected: '3',
  },
  {
    id: 'regex/split',
    features: ['regex'],
    source: cs`@(Regex.Split("a, b;c", @"[,;]\s*").Length)`,
    expected: '3',
  },
  {
    id: 'regex/instance',
    features: ['regex', 'new'],
    source: cs`@(new Regex("^[a-z0-9-]+$").IsMatch("tenant-42"))`,
    expected: 'True',
  },
];
