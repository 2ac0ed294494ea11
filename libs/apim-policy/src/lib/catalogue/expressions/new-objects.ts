import { cs, type CatalogueExpression } from '../catalogue-entry';

/** `new`: JObject/JArray construction, array literals, object initialisers, collections. */
export const NEW_OBJECT_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'new/jobject-error-envelope',
    features: ['new', 'json', 'context'],
    source: cs`@(new JObject(
        new JProperty("error", "forbidden"),
        new JProperty("requestId", context.RequestId)
    ).ToString())`,
    note: 'the usual return-response error body',
  },
  {
    id: 'new/jobject-initialiser',
    features: ['new', 'json', 'context'],
    source: cs`@{
    var payload = new JObject();
    payload["api"] = context.Api.Name;
    payload["operation"] = context.Operation.Id;
    payload["method"] = context.Request.Method;
    return payload.ToString(Newtonsoft.Json.Formatting.None);
}`,
    expected: '{"api":"Orders API","operation":"get-item","method":"POST"}',
  },
  {
    id: 'new/jobject-collection-initialiser',
    features: ['new', 'json'],
    source: cs`@(new JObject { ["status"] = "ok", ["version"] = 2 }.ToString(Newtonsoft.Json.Formatting.None))`,
    expected: '{"status":"ok","version":2}',
  },
  {
    id: 'new/jobject-nested',
    features: ['new', 'json', 'context'],
    source: cs`@(new JObject(
        new JProperty("caller", new JObject(
            new JProperty("ip", context.Request.IpAddress),
            new JProperty("subscription", context.Subscription?.Name ?? "none"))),
        new JProperty("at", context.Timestamp.ToString("o"))
    ).ToString())`,
  },
  {
    id: 'new/jarray-of-strings',
    features: ['new', 'json'],
    source: cs`@(new JArray("read", "write", "admin").ToString(Newtonsoft.Json.Formatting.None))`,
    expected: '["read","write","admin"]',
  },
  {
    id: 'new/string-array-literal',
    features: ['new'],
    source: cs`@(string.Join(",", new[] { "GET", "POST", "PUT" }))`,
    expected: 'GET,POST,PUT',
  },
  {
    id: 'new/typed-string-array',
    features: ['new', 'context'],
    source: cs`@(new string[] { "POST", "PUT", "PATCH" }.Contains(context.Request.Method))`,
    expected: 'True',
  },
  {
    id: 'new/char-array-split',
    features: ['new', 'context'],
    source: cs`@(context.Request.Headers.GetValueOrDefault("X-Forwarded-For", "").Split(new[] { ',' })[0].Trim())`,
    expected: '203.0.113.9',
  },
  {
    id: 'new/split-options',
    features: ['new', 'context'],
    source: cs`@(context.Request.Headers.GetValueOrDefault("X-Scopes", "").Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Length)`,
    expected: '2',
  },
  {
    id: 'new/list-of-string',
    features: ['new', 'statements'],
    source: cs`@{
    var missing = new List<string>();
    if (!context.Request.Headers.ContainsKey("X-Tenant")) { missing.Add("X-Tenant"); }
    if (!context.Request.Headers.ContainsKey("X-Client-Version")) { missing.Add("X-Client-Version"); }
    return string.Join(", ", missing);
}`,
    expected: 'X-Client-Version',
  },
  {
    id: 'new/dictionary-lookup',
    features: ['new', 'statements', 'context'],
    source: cs`@{
    var backends = new Dictionary<string, string>
    {
        { "eu", "https://orders-eu.internal" },
        { "us", "https://orders-us.internal" }
    };
    var region = context.Request.Url.Query.GetValueOrDefault("region", "eu");
    return backends.ContainsKey(region) ? backends[region] : backends["eu"];
}`,
    expected: 'https://orders-eu.internal',
  },
  {
    id: 'new/anonymous-object-serialised',
    features: ['new', 'json', 'context'],
    source: cs`@(JsonConvert.SerializeObject(new { status = context.Response.StatusCode, reason = context.Response.StatusReason }))`,
    note: 'anonymous type through JsonConvert: common in outbound logging',
    expected: '{"status":200,"reason":"OK"}',
  },
  {
    id: 'new/jobject-from-object',
    features: ['new', 'json', 'context'],
    source: cs`@(JObject.FromObject(new { region = context.Deployment.Region, service = context.Deployment.ServiceName }).ToString(Newtonsoft.Json.Formatting.None))`,
    expected: '{"region":"local","service":"stack-gateway"}',
  },
  {
    id: 'new/jarray-built-in-loop',
    features: ['new', 'json', 'statements'],
    source: cs`@{
    var list = new JArray();
    foreach (var header in new[] { "X-Tenant", "X-Correlation-Id", "X-Missing" })
    {
        if (context.Request.Headers.ContainsKey(header)) { list.Add(header); }
    }
    return list.Count.ToString();
}`,
    expected: '2',
  },
  {
    id: 'new/jproperty-add',
    features: ['new', 'json', 'body'],
    source: cs`@{
    var body = context.Request.Body.As<JObject>(preserveContent: true);
    body.Add(new JProperty("receivedAt", context.Timestamp.ToString("o")));
    return body.ToString();
}`,
  },
  {
    id: 'new/string-builder',
    features: ['new', 'statements', 'context'],
    source: cs`@{
    var text = new System.Text.StringBuilder();
    text.Append(context.Request.Method);
    text.Append(' ');
    text.Append(context.Request.OriginalUrl.Path);
    return text.ToString();
}`,
    expected: 'POST /orders/v2/items/17',
  },
  {
    id: 'new/datetime-constructor',
    features: ['new', 'datetime'],
    source: cs`@(new DateTime(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd"))`,
    expected: '2024-12-31',
  },
  {
    id: 'new/timespan-constructor',
    features: ['new', 'datetime'],
    source: cs`@(new TimeSpan(1, 30, 0).TotalMinutes)`,
    expected: '90',
  },
];
