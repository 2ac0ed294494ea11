import { cs, type CatalogueExpression } from '../catalogue-entry';

/**
 * Less common but still realistic patterns, added once the first set compiled almost whole:
 * recursive JSONPath, generic deserialisation, loops with break/continue, throw, patterns,
 * method groups, LINQ grouping and aggregation, regex evaluators, XML editing, rarer context members.
 */
export const SECOND_WAVE_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'wave2/json-select-tokens-recursive',
    features: ['json', 'linq', 'body', 'context'],
    source: cs`@(string.Join(",", context.Request.Body.As<JObject>(preserveContent: true).SelectTokens("$..sku").Select(t => (string)t)))`,
    expected: 'X1,Y2',
  },
  {
    id: 'wave2/json-get-value-ignore-case',
    features: ['json', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true).GetValue("NAME", StringComparison.OrdinalIgnoreCase)?.ToString())`,
    expected: 'Ada',
  },
  {
    id: 'wave2/json-deserialize-generic',
    features: ['json', 'context'],
    source: cs`@(JsonConvert.DeserializeObject<JObject>(context.Request.Headers.GetValueOrDefault("X-Client-Info", "{}"))["app"].ToString())`,
    expected: 'mobile',
  },
  {
    id: 'wave2/json-to-object-dictionary',
    features: ['json', 'new'],
    source: cs`@(JObject.Parse("{\"a\":\"1\",\"b\":\"2\"}").ToObject<Dictionary<string, string>>()["b"])`,
    expected: '2',
  },
  {
    id: 'wave2/json-property-remove',
    features: ['json', 'linq', 'statements', 'body', 'context'],
    source: cs`@{
    var body = context.Request.Body.As<JObject>(preserveContent: true);
    body.Property("customer")?.Remove();
    return string.Join(",", body.Properties().Select(p => p.Name));
}`,
    expected: 'id,name,tags,items',
  },
  {
    id: 'wave2/json-null-token-type',
    features: ['json'],
    source: cs`@(JObject.Parse("{\"x\":null}")["x"].Type == JTokenType.Null)`,
    expected: 'True',
    note: 'an explicit JSON null is a JValue of type Null, not a C# null',
  },
  {
    id: 'wave2/json-deep-equals',
    features: ['json', 'new'],
    source: cs`@(JToken.DeepEquals(JToken.Parse("[1,2]"), new JArray(1, 2)))`,
    expected: 'True',
  },
  {
    id: 'wave2/json-jarray-from-object',
    features: ['json', 'new'],
    source: cs`@(JArray.FromObject(new[] { 1, 2, 3 }).Count)`,
    expected: '3',
  },
  {
    id: 'wave2/json-formatting-short-name',
    features: ['json', 'new'],
    source: cs`@(new JObject(new JProperty("a", 1)).ToString(Formatting.None))`,
    expected: '{"a":1}',
  },
  {
    id: 'wave2/json-descendant-properties',
    features: ['json', 'linq', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true).Descendants().OfType<JProperty>().Count())`,
    expected: '13',
  },
  {
    id: 'wave2/json-project-properties',
    features: ['json', 'linq', 'new', 'body', 'context'],
    source: cs`@(new JObject(context.Request.Body.As<JObject>(preserveContent: true).Properties().Where(p => p.Name == "id" || p.Name == "name")).ToString(Formatting.None))`,
    expected: '{"id":42,"name":"Ada"}',
  },
  {
    id: 'wave2/json-jvalue-value',
    features: ['json'],
    source: cs`@(((JValue)JToken.Parse("42")).Value.ToString())`,
    expected: '42',
  },
  {
    id: 'wave2/do-while',
    features: ['statements'],
    source: cs`@{
    var n = 0;
    do { n += 3; } while (n < 10);
    return n;
}`,
    expected: '12',
  },
  {
    id: 'wave2/break-continue',
    features: ['statements', 'new'],
    source: cs`@{
    var found = "";
    foreach (var tag in new[] { "a", "skip", "b", "stop", "c" })
    {
        if (tag == "skip") { continue; }
        if (tag == "stop") { break; }
        found += tag;
    }
    return found;
}`,
    expected: 'ab',
  },
  {
    id: 'wave2/throw-when-missing',
    features: ['statements', 'new', 'context'],
    source: cs`@{
    if (!context.Request.Headers.ContainsKey("X-Tenant")) { throw new Exception("tenant header required"); }
    return "ok";
}`,
    expected: 'ok',
  },
  {
    id: 'wave2/is-pattern',
    features: ['statements', 'numeric-types', 'context'],
    source: cs`@(context.Variables["attempt"] is int n && n > 2)`,
    expected: 'True',
  },
  {
    id: 'wave2/nullable-default',
    features: ['statements', 'numeric-types'],
    source: cs`@{
    int? limit = null;
    return limit.GetValueOrDefault(25) + (limit ?? 0);
}`,
    expected: '25',
  },
  {
    id: 'wave2/hashset-ignore-case',
    features: ['new', 'statements'],
    source: cs`@{
    var allowed = new HashSet<string>(new[] { "GET", "HEAD" }, StringComparer.OrdinalIgnoreCase);
    return allowed.Contains("get");
}`,
    expected: 'True',
  },
  {
    id: 'wave2/try-get-value-header',
    features: ['statements', 'context'],
    source: cs`@{
    string[] values;
    return context.Request.Headers.TryGetValue("X-Tier", out values) ? values[0] : "none";
}`,
    expected: 'gold',
  },
  {
    id: 'wave2/nested-interpolation',
    features: ['interpolation', 'context'],
    source: cs`@($"{context.Request.Method}:{$"{context.Api.Id}/{context.Operation.Id}"}")`,
    expected: 'POST:orders-api/get-item',
  },
  {
    id: 'wave2/interpolation-left-align',
    features: ['interpolation'],
    source: cs`@($"[{"ab",-5}]")`,
    expected: '[ab   ]',
  },
  {
    id: 'wave2/string-format-four-args',
    features: ['interpolation'],
    source: cs`@(string.Format("{0}-{1}-{2}-{3}", "a", "b", "c", "d"))`,
    expected: 'a-b-c-d',
  },
  {
    id: 'wave2/hmacsha1',
    features: ['crypto', 'base64-encoding', 'new'],
    source: cs`@(Convert.ToBase64String(new HMACSHA1(Encoding.UTF8.GetBytes("k")).ComputeHash(Encoding.UTF8.GetBytes("v"))))`,
    expected: 'lPxqL36JuBls904QeajBHrZ5pVI=',
  },
  {
    id: 'wave2/guid-bytes-base64',
    features: ['guid', 'base64-encoding'],
    source: cs`@(Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Length)`,
    expected: '24',
  },
  {
    id: 'wave2/sha256-managed',
    features: ['crypto', 'base64-encoding', 'new', 'numeric-types'],
    source: cs`@(BitConverter.ToString(new SHA256Managed().ComputeHash(Encoding.UTF8.GetBytes("order-17"))).Replace("-", "").Substring(0, 8).ToLowerInvariant())`,
    expected: '72a90ea3',
  },
  {
    id: 'wave2/days-in-month',
    features: ['datetime', 'context'],
    source: cs`@(DateTime.DaysInMonth(context.Timestamp.Year, 2))`,
    expected: '29',
  },
  {
    id: 'wave2/is-leap-year',
    features: ['datetime'],
    source: cs`@(DateTime.IsLeapYear(2024))`,
    expected: 'True',
  },
  {
    id: 'wave2/milliseconds-format',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.AddMilliseconds(7).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"))`,
    expected: '2024-03-15T10:30:00.007Z',
  },
  {
    id: 'wave2/time-of-day',
    features: ['datetime', 'context'],
    source: cs`@(context.Timestamp.TimeOfDay.TotalHours)`,
    expected: '10.5',
  },
  {
    id: 'wave2/epoch-plus-a-day',
    features: ['datetime', 'new'],
    source: cs`@(new DateTime(1970, 1, 1).AddSeconds(86400).ToString("yyyy-MM-dd"))`,
    expected: '1970-01-02',
  },
  {
    id: 'wave2/math-ceiling-pages',
    features: ['numeric-types'],
    source: cs`@((int)Math.Ceiling(41 / 20.0))`,
    expected: '3',
  },
  {
    id: 'wave2/convert-to-binary',
    features: ['numeric-types', 'base64-encoding'],
    source: cs`@(Convert.ToString(10, 2))`,
    expected: '1010',
  },
  {
    id: 'wave2/int64-alias',
    features: ['numeric-types'],
    source: cs`@(Int64.Parse("9007199254740991") - 1)`,
    expected: '9007199254740990',
  },
  {
    id: 'wave2/random-next',
    features: ['numeric-types', 'new'],
    source: cs`@(new Random().Next(1, 2))`,
    expected: '1',
    note: 'Next(min, max) excludes max, so this is always 1',
  },
  {
    id: 'wave2/tuple-create',
    features: ['new'],
    source: cs`@(Tuple.Create("eu", 2).Item1)`,
    expected: 'eu',
    note: "System.Tuple is on APIM's list as far as we read it",
  },
  {
    id: 'wave2/method-group-char-is-digit',
    features: ['linq', 'context'],
    source: cs`@(context.Request.MatchedParameters["id"].All(char.IsDigit))`,
    expected: 'True',
  },
  {
    id: 'wave2/guid-braces-format',
    features: ['guid'],
    source: cs`@(Guid.Parse("3F2504E0-4F89-11D3-9A0C-0305E82C3301").ToString("B"))`,
    expected: '{3f2504e0-4f89-11d3-9a0c-0305e82c3301}',
  },
  {
    id: 'wave2/guid-equality',
    features: ['guid', 'new'],
    source: cs`@(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301") == new Guid("3F2504E0-4F89-11D3-9A0C-0305E82C3301"))`,
    expected: 'True',
  },
  {
    id: 'wave2/uri-absolute-path',
    features: ['uri-encoding', 'new'],
    source: cs`@(new Uri("https://api.contoso.example/a%20b/c?x=1").AbsolutePath)`,
    expected: '/a%20b/c',
  },
  {
    id: 'wave2/web-utility-url-decode',
    features: ['uri-encoding'],
    source: cs`@(WebUtility.UrlDecode("red+shoes%21"))`,
    expected: 'red shoes!',
  },
  {
    id: 'wave2/group-by',
    features: ['linq', 'json', 'body', 'context'],
    source: cs`@(string.Join(";", context.Request.Body.As<JObject>(preserveContent: true)["items"].GroupBy(i => (int)i["qty"] > 1 ? "bulk" : "single").Select(g => g.Key + "=" + g.Count())))`,
    expected: 'bulk=1;single=1',
  },
  {
    id: 'wave2/to-dictionary',
    features: ['linq', 'new'],
    source: cs`@(new[] { "a=1", "b=2" }.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1])["b"])`,
    expected: '2',
  },
  {
    id: 'wave2/aggregate',
    features: ['linq', 'new'],
    source: cs`@(new[] { 1, 2, 3, 4 }.Aggregate((a, b) => a * b))`,
    expected: '24',
  },
  {
    id: 'wave2/select-many-query-values',
    features: ['linq', 'context'],
    source: cs`@(context.Request.Url.Query.SelectMany(q => q.Value).Count())`,
    expected: '5',
  },
  {
    id: 'wave2/skip-take-max',
    features: ['linq', 'new'],
    source: cs`@(new[] { 5, 3, 9, 1 }.Skip(1).Take(2).Max())`,
    expected: '9',
  },
  {
    id: 'wave2/average-price',
    features: ['linq', 'json', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true)["items"].Average(i => (double)i["price"]))`,
    expected: '7.75',
  },
  {
    id: 'wave2/order-by-descending-then-by',
    features: ['linq', 'new'],
    source: cs`@(string.Join(",", new[] { "bb", "a", "ccc", "dd" }.OrderByDescending(s => s.Length).ThenBy(s => s)))`,
    expected: 'ccc,bb,dd,a',
  },
  {
    id: 'wave2/regex-escape',
    features: ['regex', 'disallowed-type'],
    source: cs`@(Regex.Escape("a.b*c"))`,
    expect: 'refused',
    note: 'Regex.Escape is not among the Regex members APIM lists (constructor, IsMatch, Match, Matches, Replace, Split, Unescape)',
  },
  {
    id: 'wave2/regex-evaluator-lambda',
    features: ['regex', 'linq', 'numeric-types'],
    source: cs`@(Regex.Replace("order-17-item-3", @"\d+", m => (int.Parse(m.Value) * 2).ToString()))`,
    expected: 'order-34-item-6',
  },
  {
    id: 'wave2/regex-group-success',
    features: ['regex'],
    source: cs`@(Regex.Match("v=3", @"v=(?<v>\d)").Groups["v"].Success)`,
    expected: 'True',
  },
  {
    id: 'wave2/xml-element-names',
    features: ['xml', 'linq'],
    source: cs`@(string.Join(",", XElement.Parse("<o><a/><b/><a/></o>").Elements().Select(e => e.Name.LocalName).Distinct()))`,
    expected: 'a,b',
  },
  {
    id: 'wave2/xml-set-attribute',
    features: ['xml', 'new', 'statements'],
    source: cs`@{
    var item = new XElement("item");
    item.SetAttributeValue("sku", "X1");
    item.Add(new XAttribute("qty", 2));
    return item.ToString();
}`,
    expected: '<item sku="X1" qty="2" />',
  },
  {
    id: 'wave2/xml-root-attribute',
    features: ['xml'],
    source: cs`@((string)XDocument.Parse("<order id=\"17\"><line/></order>").Root.Attribute("id"))`,
    expected: '17',
  },
  {
    id: 'wave2/matched-parameter-guard',
    features: ['context'],
    source: cs`@(context.Request.MatchedParameters.ContainsKey("id") ? context.Request.MatchedParameters["id"] : "none")`,
    expected: '17',
  },
  {
    id: 'wave2/subscription-primary-key',
    features: ['context'],
    source: cs`@(context.Subscription.PrimaryKey == context.Subscription.Key)`,
    expected: 'True',
  },
  {
    id: 'wave2/api-revision',
    features: ['context'],
    source: cs`@(context.Api.Revision ?? "1")`,
  },
  {
    id: 'wave2/deployment-service-id',
    features: ['context'],
    source: cs`@(context.Deployment.ServiceId)`,
  },
  {
    id: 'wave2/tracing-flag',
    features: ['context'],
    source: cs`@(context.Tracing)`,
    expected: 'False',
  },
  {
    id: 'wave2/last-error-section',
    features: ['context'],
    source: cs`@(context.LastError?.Section ?? "-")`,
    expected: '-',
  },
  {
    id: 'wave2/variables-contains-key',
    features: ['context'],
    source: cs`@(context.Variables.ContainsKey("userId") && !context.Variables.ContainsKey("nope"))`,
    expected: 'True',
  },
  {
    id: 'wave2/query-multi-value',
    features: ['context'],
    source: cs`@(context.Request.OriginalUrl.Query["tag"].Length)`,
    expected: '2',
  },
  {
    id: 'wave2/comment-with-expression-markers',
    features: ['comments', 'context'],
    source: cs`@(/* ends with ) and holds @( too */ context.Request.Method.Length)`,
    expected: '4',
  },
  {
    id: 'wave2/verbatim-string-with-slashes',
    features: ['comments'],
    source: cs`@(@"\\server\share // not a comment")`,
    expected: String.raw`\\server\share // not a comment`,
  },
  {
    id: 'wave2/refused-get-type',
    features: ['disallowed-type'],
    source: cs`@(context.GetType().Assembly.FullName)`,
    expect: 'refused',
    note: 'reflection through GetType()',
  },
  {
    id: 'wave2/refused-serializer-settings',
    features: ['disallowed-type', 'json', 'new'],
    source: cs`@(JsonConvert.SerializeObject(context.Request.Method, new JsonSerializerSettings()))`,
    expect: 'refused',
    note: "JsonSerializerSettings is not on APIM's list",
  },
  {
    id: 'wave2/refused-xml-document',
    features: ['disallowed-type', 'xml', 'new'],
    source: cs`@(new System.Xml.XmlDocument().OuterXml)`,
    expect: 'refused',
    note: 'only System.Xml.Linq is allowed, not the XmlDocument DOM',
  },
  {
    id: 'wave2/refused-stopwatch',
    features: ['disallowed-type'],
    source: cs`@(System.Diagnostics.Stopwatch.StartNew().ElapsedMilliseconds)`,
    expect: 'refused',
    note: 'use context.Elapsed',
  },
];
