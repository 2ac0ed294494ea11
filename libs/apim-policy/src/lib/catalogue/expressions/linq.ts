import { cs, type CatalogueExpression } from '../catalogue-entry';

/** Lambdas and LINQ: Where, Select, Any, All, First(OrDefault), Count, ToArray, Contains. */
export const LINQ_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'linq/any-role-claim',
    features: ['linq', 'context'],
    source: cs`@(context.Request.Headers.GetValueOrDefault("X-Roles", "").Split(',').Any(r => r.Trim() == "admin"))`,
    expected: 'True',
  },
  {
    id: 'linq/all-items-positive',
    features: ['linq', 'json', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true)["items"].All(i => (int)i["qty"] > 0))`,
    expected: 'True',
  },
  {
    id: 'linq/where-count',
    features: ['linq', 'json', 'body', 'context'],
    source: cs`@(((JArray)context.Request.Body.As<JObject>(preserveContent: true)["items"]).Where(i => (double)i["price"] >= 10).Count())`,
    expected: '1',
  },
  {
    id: 'linq/select-join',
    features: ['linq', 'json', 'body', 'context'],
    source: cs`@(string.Join(",", context.Request.Body.As<JObject>(preserveContent: true)["items"].Select(i => i["sku"].ToString())))`,
    expected: 'X1,Y2',
  },
  {
    id: 'linq/sum-order-total',
    features: ['linq', 'json', 'body', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true)["items"].Sum(i => (double)i["price"] * (int)i["qty"]))`,
    expected: '21',
  },
  {
    id: 'linq/first-or-default-header',
    features: ['linq', 'context'],
    source: cs`@(context.Request.Headers.FirstOrDefault(h => h.Key.StartsWith("X-Ten", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault())`,
    expected: 'contoso',
  },
  {
    id: 'linq/first-with-predicate',
    features: ['linq'],
    source: cs`@(new[] { "eu-west", "us-east", "eu-north" }.First(r => r.StartsWith("us")))`,
    expected: 'us-east',
  },
  {
    id: 'linq/to-array-then-length',
    features: ['linq', 'context'],
    source: cs`@(context.Request.Url.Query.Keys.Where(k => k != "page").ToArray().Length)`,
    expected: '3',
  },
  {
    id: 'linq/contains-method',
    features: ['linq', 'new', 'context'],
    source: cs`@(new[] { "10.1.2.3", "203.0.113.9" }.Contains(context.Request.IpAddress))`,
    expected: 'True',
  },
  {
    id: 'linq/strip-sensitive-fields',
    features: ['linq', 'json', 'statements', 'body', 'context'],
    source: cs`@{
    var body = context.Response.Body.As<JObject>();
    foreach (var property in body.Properties().Where(p => p.Name.StartsWith("_")).ToList())
    {
        property.Remove();
    }
    return body.ToString();
}`,
    note: 'outbound redaction',
  },
  {
    id: 'linq/order-by-take',
    features: ['linq', 'new'],
    source: cs`@(string.Join(" ", new[] { "c", "a", "b" }.OrderBy(x => x).Take(2)))`,
    expected: 'a b',
  },
  {
    id: 'linq/distinct-count',
    features: ['linq', 'context'],
    source: cs`@(context.Request.Headers.GetValueOrDefault("X-Roles", "").Split(',').Select(r => r.Trim()).Distinct().Count())`,
    expected: '2',
  },
  {
    id: 'linq/jwt-claims-any',
    features: ['linq', 'context'],
    source: cs`@(((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("roles", "").Split(',').Any(role => role == "orders.write"))`,
    note: 'after validate-jwt output-token-variable-name="jwt"',
  },
  {
    id: 'linq/select-with-index-block',
    features: ['linq', 'statements', 'new'],
    source: cs`@{
    var parts = new List<string> { "alpha", "beta" };
    return string.Join(";", parts.Select((p, i) => i + "=" + p));
}`,
    expected: '0=alpha;1=beta',
  },
  {
    id: 'linq/enumerable-range',
    features: ['linq'],
    source: cs`@(Enumerable.Range(1, 5).Where(n => n % 2 == 1).Sum())`,
    expected: '9',
  },
];
