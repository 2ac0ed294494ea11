import { cs, type CatalogueExpression } from '../catalogue-entry';

/** `Uri`, `WebUtility`, `HttpUtility`, `Uri.EscapeDataString`. */
export const URI_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'uri/escape-data-string',
    features: ['uri-encoding'],
    source: cs`@(Uri.EscapeDataString("a b&c=d/é"))`,
    expected: 'a%20b%26c%3Dd%2F%C3%A9',
  },
  {
    id: 'uri/unescape',
    features: ['uri-encoding', 'context'],
    source: cs`@(Uri.UnescapeDataString(context.Request.Url.Query.GetValueOrDefault("q", "")))`,
    expected: 'red shoes',
  },
  {
    id: 'uri/web-utility-url-encode',
    features: ['uri-encoding'],
    source: cs`@(System.Net.WebUtility.UrlEncode("name=Ada Lovelace"))`,
    expected: 'name%3DAda+Lovelace',
  },
  {
    id: 'uri/web-utility-html-encode',
    features: ['uri-encoding', 'context'],
    source: cs`@(WebUtility.HtmlEncode("<b>" + context.Request.Headers.GetValueOrDefault("X-Tenant", "") + "</b>"))`,
    expected: '&lt;b&gt;contoso&lt;/b&gt;',
  },
  {
    id: 'uri/http-utility-parse-query',
    features: ['uri-encoding', 'context', 'disallowed-type'],
    source: cs`@(System.Web.HttpUtility.ParseQueryString(context.Request.OriginalUrl.QueryString)["region"])`,
    expect: 'refused',
    note: "System.Web.HttpUtility is not on APIM's list (System.Net.WebUtility is); teams still write it",
  },
  {
    id: 'uri/new-uri-host',
    features: ['uri-encoding', 'new', 'context'],
    source: cs`@(new Uri(context.Request.Headers.GetValueOrDefault("Referer", "https://unknown.example/")).Host)`,
    expected: 'portal.contoso.example',
  },
  {
    id: 'uri/new-uri-segments',
    features: ['uri-encoding', 'new'],
    source: cs`@(new Uri("https://orders-eu.internal/api/v2/items").Segments.Length)`,
    expected: '4',
    note: 'segments are "/", "api/", "v2/", "items"',
  },
  {
    id: 'uri/left-part',
    features: ['uri-encoding', 'new', 'context'],
    source: cs`@(new Uri(context.Request.OriginalUrl.ToString()).GetLeftPart(UriPartial.Path))`,
    expected: 'http://gateway.local:8080/orders/v2/items/17',
  },
  {
    id: 'uri/try-create',
    features: ['uri-encoding', 'statements', 'context', 'disallowed-type'],
    source: cs`@{
    Uri callback;
    var raw = context.Request.Url.Query.GetValueOrDefault("callback", "");
    return Uri.TryCreate(raw, UriKind.Absolute, out callback) && callback.Scheme == "https";
}`,
    expect: 'refused',
    note: "UriKind is not on APIM's list, so Uri.TryCreate cannot be called",
  },
  {
    id: 'uri/callback-scheme',
    features: ['uri-encoding', 'new', 'statements', 'context'],
    source: cs`@{
    var raw = context.Request.Url.Query.GetValueOrDefault("callback", "https://partner.example/hooks");
    return new Uri(raw).Scheme == "https";
}`,
    expected: 'True',
  },
  {
    id: 'uri/query-string-build',
    features: ['uri-encoding', 'linq', 'context'],
    source: cs`@(string.Join("&", context.Request.Url.Query.Select(q => q.Key + "=" + Uri.EscapeDataString(string.Join(",", q.Value)))))`,
    expected: 'region=eu&page=2&tag=x%2Cy&q=red%20shoes',
  },
];
