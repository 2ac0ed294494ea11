import { cs, type CatalogueExpression } from '../catalogue-entry';

/**
 * A third set, written after the second compiled almost whole: idioms that show up in shared
 * policy fragments (TryParseJwt, base64url, method groups on Parse, LINQ building JSON, quoted
 * format literals, relative URIs, dictionaries serialised, discards) and two more refusals.
 */
export const THIRD_WAVE_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'wave3/try-parse-jwt',
    features: ['statements', 'context'],
    source: cs`@{
    var raw = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJyb2xlcyI6WyJvcmRlcnMucmVhZCIsIm9yZGVycy53cml0ZSJdfQ.c2ln";
    Jwt jwt;
    return raw.TryParseJwt(out jwt) ? jwt.Subject + ":" + jwt.Claims["roles"].Length : "none";
}`,
    expected: 'ada:2',
    note: 'TryParseJwt decodes without checking the signature, like AsJwt',
  },
  {
    id: 'wave3/base64url-encode',
    features: ['base64-encoding'],
    source: cs`@(Convert.ToBase64String(Encoding.UTF8.GetBytes("hello gateway?>")).TrimEnd('=').Replace('+', '-').Replace('/', '_'))`,
    expected: 'aGVsbG8gZ2F0ZXdheT8-',
  },
  {
    id: 'wave3/select-int-parse-method-group',
    features: ['linq', 'numeric-types'],
    source: cs`@("4,8,15".Split(',').Select(int.Parse).Sum())`,
    expected: '27',
  },
  {
    id: 'wave3/jarray-from-linq',
    features: ['json', 'linq', 'new'],
    source: cs`@(new JArray(Enumerable.Range(1, 3).Select(i => new JObject(new JProperty("n", i)))).ToString(Formatting.None))`,
    expected: '[{"n":1},{"n":2},{"n":3}]',
  },
  {
    id: 'wave3/concat-repeat',
    features: ['linq'],
    source: cs`@(string.Concat(Enumerable.Repeat("ab", 3)))`,
    expected: 'ababab',
  },
  {
    id: 'wave3/utm-parameters',
    features: ['linq', 'context'],
    source: cs`@(context.Request.OriginalUrl.Query.Any(q => q.Key.StartsWith("utm_")))`,
    expected: 'False',
  },
  {
    id: 'wave3/custom-header-names',
    features: ['linq', 'context'],
    source: cs`@(string.Join(",", context.Request.Headers.Where(h => h.Key.StartsWith("X-T", StringComparison.OrdinalIgnoreCase)).Select(h => h.Key.ToLowerInvariant()).OrderBy(k => k)))`,
    expected: 'x-tenant,x-tier,x-timestamp',
  },
  {
    id: 'wave3/math-round',
    features: ['numeric-types'],
    source: cs`@(Math.Round(3.14159, 2) + "|" + Math.Round(2.5) + "|" + Math.Round(2.5, MidpointRounding.AwayFromZero))`,
    expected: '3.14|2|3',
    note: '.NET rounds half to even unless told otherwise',
  },
  {
    id: 'wave3/timespan-parse',
    features: ['datetime'],
    source: cs`@(TimeSpan.Parse("01:30:00").TotalMinutes)`,
    expected: '90',
  },
  {
    id: 'wave3/offset-parse-to-utc',
    features: ['datetime'],
    source: cs`@(DateTimeOffset.Parse("2024-03-15T12:00:00+02:00").UtcDateTime.Hour)`,
    expected: '10',
  },
  {
    id: 'wave3/quoted-format-literals',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.ToString("yyyyMMdd'T'HHmmss'Z'"))`,
    expected: '20240315T103000Z',
    note: 'AWS-style signing timestamps',
  },
  {
    id: 'wave3/status-class',
    features: ['numeric-types', 'context'],
    source: cs`@(context.Response.StatusCode / 100 == 2)`,
    expected: 'True',
  },
  {
    id: 'wave3/mask-ip',
    features: ['linq', 'context'],
    source: cs`@(string.Join(".", context.Request.IpAddress.Split('.').Take(3)) + ".0")`,
    expected: '203.0.113.0',
    note: 'anonymised client address for logs',
  },
  {
    id: 'wave3/xml-descendant-by-local-name',
    features: ['xml', 'linq'],
    source: cs`@(XElement.Parse("<o xmlns=\"urn:x\"><line><Id>7</Id></line></o>").Descendants().Where(e => e.Name.LocalName == "Id").Select(e => e.Value).FirstOrDefault())`,
    expected: '7',
  },
  {
    id: 'wave3/xdocument-with-declaration',
    features: ['xml', 'new'],
    source: cs`@(new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("r")).ToString())`,
    expected: '<r />',
    note: 'XDocument.ToString() leaves the declaration out',
  },
  {
    id: 'wave3/regex-matches-cast',
    features: ['regex', 'linq'],
    source: cs`@(string.Join("", Regex.Matches("a1b2c3", @"\d").Cast<Match>().Select(m => m.Value)))`,
    expected: '123',
  },
  {
    id: 'wave3/regex-inline-ignore-case',
    features: ['regex', 'context'],
    source: cs`@(Regex.Replace("Bearer abc", "(?i)^bearer ", ""))`,
    expected: 'abc',
  },
  {
    id: 'wave3/hmacsha512-length',
    features: ['crypto', 'base64-encoding', 'new'],
    source: cs`@(Convert.ToBase64String(new HMACSHA512(Encoding.UTF8.GetBytes("k")).ComputeHash(Encoding.UTF8.GetBytes("v"))).Length)`,
    expected: '88',
  },
  {
    id: 'wave3/sha384-length',
    features: ['crypto', 'base64-encoding'],
    source: cs`@(SHA384.Create().ComputeHash(Encoding.UTF8.GetBytes("x")).Length)`,
    expected: '48',
  },
  {
    id: 'wave3/api-service-url',
    features: ['context'],
    source: cs`@(context.Api.ServiceUrl.ToString())`,
    expected: 'https://orders-eu.internal/api',
  },
  {
    id: 'wave3/operation-template-has-id',
    features: ['context'],
    source: cs`@(context.Operation.UrlTemplate.Contains("{id}"))`,
    expected: 'True',
  },
  {
    id: 'wave3/bitconverter-int32',
    features: ['numeric-types', 'new'],
    source: cs`@(BitConverter.ToInt32(new byte[] { 1, 1, 0, 0 }, 0))`,
    expected: '257',
  },
  {
    id: 'wave3/tags-upper',
    features: ['json', 'linq', 'body', 'context'],
    source: cs`@(string.Join(",", ((JArray)context.Request.Body.As<JObject>(preserveContent: true)["tags"]).Select(t => t.ToString().ToUpper())))`,
    expected: 'A,B',
  },
  {
    id: 'wave3/children-sum',
    features: ['json', 'linq', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true)["items"].Children<JObject>().Sum(i => i.Value<double>("price")))`,
    expected: '15.5',
  },
  {
    id: 'wave3/serialize-dictionary',
    features: ['json', 'new'],
    source: cs`@(JsonConvert.SerializeObject(new Dictionary<string, object> { ["a"] = 1, ["b"] = "x" }))`,
    expected: '{"a":1,"b":"x"}',
  },
  {
    id: 'wave3/serialize-array',
    features: ['json', 'new'],
    source: cs`@(JsonConvert.SerializeObject(new[] { "a", "b" }))`,
    expected: '["a","b"]',
  },
  {
    id: 'wave3/last-auth-part',
    features: ['linq', 'context'],
    source: cs`@(context.Request.Headers.GetValueOrDefault("Authorization", "").Split(' ').Last())`,
    expected: 'YWRhOnMzY3JldA==',
  },
  {
    id: 'wave3/capitalise',
    features: ['context'],
    source: cs`@{
    var tenant = context.Request.Headers.GetValueOrDefault("X-Tenant", "x");
    return char.ToUpper(tenant[0]) + tenant.Substring(1);
}`,
    expected: 'Contoso',
  },
  {
    id: 'wave3/distinct-sorted-roles',
    features: ['linq', 'context'],
    source: cs`@(string.Join(",", context.Request.Headers.GetValueOrDefault("X-Roles", "").Split(',').Select(r => r.Trim()).Distinct().OrderBy(r => r)))`,
    expected: 'admin,reader',
  },
  {
    id: 'wave3/discard-out',
    features: ['numeric-types'],
    source: cs`@(int.TryParse("x", out _))`,
    expected: 'False',
  },
  {
    id: 'wave3/interpolated-iso-length',
    features: ['interpolation', 'datetime'],
    source: cs`@($"{DateTime.UtcNow:o}".Length)`,
    expected: '28',
  },
  {
    id: 'wave3/double-format-f0',
    features: ['numeric-types', 'datetime', 'context'],
    source: cs`@(context.Elapsed.TotalMilliseconds.ToString("F0"))`,
    expected: '0',
  },
  {
    id: 'wave3/split-several-separators',
    features: ['new'],
    source: cs`@("a,b;c".Split(new[] { ',', ';' }).Length)`,
    expected: '3',
  },
  {
    id: 'wave3/dictionary-to-query',
    features: ['linq', 'new', 'interpolation'],
    source: cs`@(string.Join("&", new Dictionary<string, string> { { "a", "1" }, { "b", "2" } }.Select(kv => $"{kv.Key}={kv.Value}")))`,
    expected: 'a=1&b=2',
  },
  {
    id: 'wave3/relative-uri',
    features: ['uri-encoding', 'new'],
    source: cs`@(new Uri(new Uri("https://a.example/api/"), "items/1").ToString())`,
    expected: 'https://a.example/api/items/1',
  },
  {
    id: 'wave3/html-decode',
    features: ['uri-encoding'],
    source: cs`@(WebUtility.HtmlDecode("&lt;a&gt; &amp; b"))`,
    expected: '<a> & b',
  },
  {
    id: 'wave3/variables-typed-jobject',
    features: ['json', 'context'],
    source: cs`@(context.Variables.GetValueOrDefault<JObject>("cached-profile")?["plan"]?.ToString() ?? "none")`,
    expected: 'none',
  },
  {
    id: 'wave3/body-null-safe-chain',
    features: ['json', 'body', 'context'],
    source: cs`@(context.Request.Body?.As<JObject>(preserveContent: true)?["customer"]?["tier"]?.Value<string>() ?? "none")`,
    expected: 'gold',
  },
  {
    id: 'wave3/response-body-contains',
    features: ['body', 'context'],
    source: cs`@(context.Response.Body.As<string>(preserveContent: true).Contains("\"b2\""))`,
    expected: 'True',
  },
  {
    id: 'wave3/refused-json-text-reader',
    features: ['disallowed-type', 'json', 'new'],
    source: cs`@(JToken.ReadFrom(new JsonTextReader(new System.IO.StringReader("{}"))).Type.ToString())`,
    expect: 'refused',
    note: "JsonTextReader is not on APIM's list; use JToken.Parse",
  },
  {
    id: 'wave3/refused-task-run',
    features: ['disallowed-type', 'linq'],
    source: cs`@(System.Threading.Tasks.Task.Run(() => 42).Result)`,
    expect: 'refused',
  },
];
