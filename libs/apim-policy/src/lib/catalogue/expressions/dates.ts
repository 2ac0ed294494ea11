import { cs, type CatalogueExpression } from '../catalogue-entry';

/** DateTime, DateTimeOffset and TimeSpan: arithmetic, parsing, formatting. */
export const DATE_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'datetime/utcnow-iso',
    features: ['datetime'],
    source: cs`@(DateTime.UtcNow.ToString("o"))`,
  },
  {
    id: 'datetime/timestamp-custom-format',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.ToString("yyyy-MM-ddTHH:mm:ssZ"))`,
    expected: '2024-03-15T10:30:00Z',
  },
  {
    id: 'datetime/rfc1123',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.ToString("r"))`,
    expected: 'Fri, 15 Mar 2024 10:30:00 GMT',
    note: 'Date / Last-Modified headers',
  },
  {
    id: 'datetime/add-hours-expiry',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.AddHours(1).ToString("HH:mm"))`,
    expected: '11:30',
  },
  {
    id: 'datetime/add-days-and-date',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.AddDays(-1).Date.ToString("yyyy-MM-dd"))`,
    expected: '2024-03-14',
  },
  {
    id: 'datetime/parse-header-and-compare',
    features: ['datetime', 'context'],
    source: cs`@((context.Timestamp - DateTime.Parse(context.Request.Headers.GetValueOrDefault("X-Timestamp", ""))).TotalMinutes <= 30)`,
    expected: 'True',
    note: 'replay window on a signed request',
  },
  {
    id: 'datetime/timespan-from-minutes',
    features: ['datetime'],
    source: cs`@(TimeSpan.FromMinutes(90).TotalHours)`,
    expected: '1.5',
  },
  {
    id: 'datetime/elapsed-ms',
    features: ['datetime', 'context'],
    source: cs`@(context.Elapsed.TotalMilliseconds.ToString())`,
    expected: '0',
  },
  {
    id: 'datetime/elapsed-compare-timespan',
    features: ['datetime', 'context'],
    source: cs`@(context.Elapsed > TimeSpan.FromSeconds(5))`,
    expected: 'False',
  },
  {
    id: 'datetime/day-of-week',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.DayOfWeek == DayOfWeek.Saturday || context.Timestamp.DayOfWeek == DayOfWeek.Sunday)`,
    expected: 'False',
    note: 'weekend maintenance routing',
  },
  {
    id: 'datetime/offset-now-unix',
    features: ['datetime', 'numeric-types'],
    source: cs`@(DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString())`,
  },
  {
    id: 'datetime/offset-from-timestamp',
    features: ['datetime', 'numeric-types', 'context'],
    source: cs`@(new DateTimeOffset(context.Timestamp).ToUnixTimeSeconds())`,
    expected: '1710498600',
  },
  {
    id: 'datetime/from-unix-seconds',
    features: ['datetime', 'numeric-types'],
    source: cs`@(DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime.ToString("yyyy-MM-dd"))`,
    expected: '2023-11-14',
  },
  {
    id: 'datetime/offset-parse-exact',
    features: ['datetime'],
    source: cs`@(DateTimeOffset.ParseExact("20240315", "yyyyMMdd", null).UtcDateTime.DayOfYear)`,
    expected: '75',
    note: 'APIM allows ParseExact on DateTimeOffset, not on DateTime',
  },
  {
    id: 'datetime/offset-try-parse',
    features: ['datetime', 'statements', 'context'],
    source: cs`@{
    DateTimeOffset since;
    if (!DateTimeOffset.TryParse(context.Request.Url.Query.GetValueOrDefault("since", ""), out since)) { return "missing"; }
    return since.UtcDateTime.ToString("o");
}`,
    expected: 'missing',
  },
  {
    id: 'datetime/refused-parse-exact',
    features: ['datetime', 'disallowed-type'],
    source: cs`@(DateTime.ParseExact("20240315", "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).DayOfYear)`,
    expect: 'refused',
    note: 'DateTime.ParseExact is not among the DateTime members APIM allows',
  },
  {
    id: 'datetime/refused-try-parse',
    features: ['datetime', 'disallowed-type'],
    source: cs`@{
    DateTime since;
    return DateTime.TryParse(context.Request.Url.Query.GetValueOrDefault("since", ""), out since);
}`,
    expect: 'refused',
    note: 'DateTime.TryParse is not among the DateTime members APIM allows',
  },
  {
    id: 'datetime/refused-to-universal-time',
    features: ['datetime', 'disallowed-type'],
    source: cs`@(DateTime.Parse(context.Request.Headers.GetValueOrDefault("X-Timestamp", "")).ToUniversalTime().Hour)`,
    expect: 'refused',
    note: 'ToUniversalTime is not among the DateTime members APIM allows',
  },
  {
    id: 'datetime/subtract-timespan',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.Subtract(TimeSpan.FromDays(7)).ToString("yyyy-MM-dd"))`,
    expected: '2024-03-08',
  },
  {
    id: 'datetime/jwt-expiry-remaining',
    features: ['datetime', 'context'],
    source: cs`@{
    var jwt = context.Request.Headers.GetValueOrDefault("X-Id-Token", "").AsJwt();
    if (jwt == null || !jwt.ExpirationTime.HasValue) { return 0; }
    return (int)(jwt.ExpirationTime.Value - DateTime.UtcNow).TotalSeconds;
}`,
  },
  {
    id: 'datetime/timespan-format',
    features: ['datetime'],
    source: cs`@(TimeSpan.FromSeconds(3725).ToString())`,
    expected: '01:02:05',
  },
];
