import { cs, type CatalogueExpression } from '../catalogue-entry';

/** Request and response bodies: `Body.As<string|JObject|JArray|XElement>()`, `preserveContent`. */
export const BODY_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'body/as-string-preserved',
    features: ['body', 'context'],
    source: cs`@(context.Request.Body.As<string>(preserveContent: true))`,
    note: 'echo the payload back, keeping it for the backend',
  },
  {
    id: 'body/length-check',
    features: ['body', 'context'],
    source: cs`@(context.Request.Body.As<string>(preserveContent: true).Length > 1024)`,
    expected: 'False',
  },
  {
    id: 'body/is-empty',
    features: ['body', 'context'],
    source: cs`@(string.IsNullOrWhiteSpace(context.Request.Body?.As<string>(true)))`,
    expected: 'False',
  },
  {
    id: 'body/jobject-field',
    features: ['body', 'json', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true)["customer"]["tier"].ToString())`,
    expected: 'gold',
  },
  {
    id: 'body/jobject-value-int',
    features: ['body', 'json', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(true).Value<int>("id"))`,
    expected: '42',
  },
  {
    id: 'body/jobject-has-property',
    features: ['body', 'json', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true).ContainsKey("customer"))`,
    expected: 'True',
  },
  {
    id: 'body/jobject-property-null',
    features: ['body', 'json', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(preserveContent: true)["discountCode"] == null)`,
    expected: 'True',
  },
  {
    id: 'body/remove-field',
    features: ['body', 'json', 'statements', 'context'],
    source: cs`@{
    var order = context.Request.Body.As<JObject>(preserveContent: true);
    order.Remove("internalNotes");
    order["channel"] = "api";
    return order.ToString(Newtonsoft.Json.Formatting.None);
}`,
  },
  {
    id: 'body/jarray-count',
    features: ['body', 'json', 'context'],
    source: cs`@(context.Request.Body.As<JObject>(true)["items"].Count())`,
    expected: '2',
  },
  {
    id: 'body/response-jarray',
    features: ['body', 'json', 'context'],
    source: cs`@(context.Response.Body.As<JArray>(preserveContent: true).Count)`,
    note: 'outbound: how many rows the backend returned',
    expected: '2',
  },
  {
    id: 'body/response-first-element',
    features: ['body', 'json', 'context'],
    source: cs`@(context.Response.Body.As<JArray>()[0]["id"].ToString())`,
    expected: 'a1',
  },
  {
    id: 'body/response-string-replace',
    features: ['body', 'context'],
    source: cs`@(context.Response.Body.As<string>().Replace("http://orders-eu.internal", "https://api.contoso.example"))`,
    note: 'rewrite backend links in the payload',
    expected:
      '[{"id":"a1","name":"A","href":"https://api.contoso.example/items/a1"},{"id":"b2","name":"B","href":"https://api.contoso.example/items/b2"}]',
  },
  {
    id: 'body/response-jobject-wrap',
    features: ['body', 'json', 'new', 'context'],
    source: cs`@(new JObject(
        new JProperty("data", context.Response.Body.As<JObject>()),
        new JProperty("requestId", context.RequestId)
    ).ToString())`,
  },
  {
    id: 'body/xml-body',
    features: ['body', 'xml', 'context'],
    source: cs`@(context.Request.Body.As<XElement>(preserveContent: true).Element("Order")?.Attribute("id")?.Value)`,
    note: 'SOAP/XML backends',
  },
  {
    id: 'body/xdocument-root',
    features: ['body', 'xml', 'context'],
    source: cs`@(context.Request.Body.As<XDocument>(preserveContent: true).Root.Name.LocalName)`,
  },
  {
    id: 'body/form-urlencoded',
    features: ['body', 'context'],
    source: cs`@(context.Request.Body.AsFormUrlEncodedContent(preserveContent: true)["grant_type"]?.FirstOrDefault())`,
    note: 'token endpoints: read a form field',
  },
  {
    id: 'body/byte-array',
    features: ['body', 'numeric-types', 'context'],
    source: cs`@(context.Request.Body.As<byte[]>(preserveContent: true).Length)`,
  },
];
