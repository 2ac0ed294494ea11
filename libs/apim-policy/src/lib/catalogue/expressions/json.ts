import { cs, type CatalogueExpression } from '../catalogue-entry';

/** Newtonsoft.Json: JObject, JArray, JToken, indexers, `Value<T>()`, `SelectToken`, `Parse`, JsonConvert. */
export const JSON_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'json/parse-header',
    features: ['json', 'context'],
    source: cs`@(JObject.Parse(context.Request.Headers.GetValueOrDefault("X-Client-Info", "{}"))["app"]?.ToString() ?? "unknown")`,
    expected: 'mobile',
  },
  {
    id: 'json/parse-literal-value',
    features: ['json'],
    source: cs`@(JObject.Parse("{\"limits\":{\"daily\":500}}").SelectToken("limits.daily").Value<int>())`,
    expected: '500',
  },
  {
    id: 'json/select-token-path',
    features: ['json', 'body', 'context'],
    source: cs`@((string)context.Request.Body.As<JObject>(preserveContent: true).SelectToken("customer.email"))`,
    expected: 'ada@example.com',
  },
  {
    id: 'json/select-token-array-index',
    features: ['json', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true).SelectToken("items[1].sku").ToString())`,
    expected: 'Y2',
  },
  {
    id: 'json/value-string',
    features: ['json', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true).Value<string>("name"))`,
    expected: 'Ada',
  },
  {
    id: 'json/jtoken-cast-int',
    features: ['json', 'body', 'context'],
    source: cs`@((int)context.Request.Body.As<JObject>(preserveContent: true)["items"][0]["qty"] * 2)`,
    expected: '4',
  },
  {
    id: 'json/jtoken-cast-double',
    features: ['json', 'body', 'context'],
    source: cs`@((double)context.Request.Body.As<JObject>(preserveContent: true)["items"][0]["price"])`,
    expected: '5.5',
  },
  {
    id: 'json/token-type',
    features: ['json', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true)["tags"].Type == JTokenType.Array)`,
    expected: 'True',
  },
  {
    id: 'json/jarray-parse-values',
    features: ['json', 'linq'],
    source: cs`@(string.Join("|", JArray.Parse("[\"a\",\"b\",\"c\"]").Values<string>()))`,
    expected: 'a|b|c',
  },
  {
    id: 'json/property-names',
    features: ['json', 'linq', 'body', 'context'],
    source: cs`@(string.Join(",", context.Request.Body.As<JObject>(preserveContent: true).Properties().Select(p => p.Name)))`,
    expected: 'id,name,tags,customer,items',
  },
  {
    id: 'json/serialize-object',
    features: ['json', 'context'],
    source: cs`@(JsonConvert.SerializeObject(context.Request.Headers.GetValueOrDefault("X-Tenant", "")))`,
    expected: '"contoso"',
  },
  {
    id: 'json/deserialize-object',
    features: ['json', 'context'],
    source: cs`@(((JObject)JsonConvert.DeserializeObject(context.Request.Headers.GetValueOrDefault("X-Client-Info", "{}")))["version"].ToString())`,
    expected: '3.1',
  },
  {
    id: 'json/stored-variable',
    features: ['json', 'context'],
    source: cs`@(((JObject)context.Variables["profile"])["plan"].ToString())`,
    note: 'a JObject kept in a variable by an earlier set-variable',
  },
  {
    id: 'json/merge',
    features: ['json', 'new', 'statements'],
    source: cs`@{
    var defaults = JObject.Parse("{\"pageSize\":20,\"sort\":\"asc\"}");
    var overrides = new JObject(new JProperty("pageSize", 50));
    defaults.Merge(overrides);
    return defaults["pageSize"].ToString();
}`,
    expected: '50',
  },
  {
    id: 'json/indented-tostring',
    features: ['json', 'new'],
    source: cs`@(new JObject(new JProperty("ok", true)).ToString())`,
    note: 'Newtonsoft indents with two spaces and the platform newline by default, so no predicted text',
  },
  {
    id: 'json/jvalue-null-check',
    features: ['json', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true)["customer"]?["phone"]?.ToString() ?? "no phone")`,
    expected: 'no phone',
  },
  {
    id: 'json/jtoken-from-string',
    features: ['json'],
    source: cs`@(JToken.Parse("[1,2,3]").Last.ToString())`,
    expected: '3',
  },
];
