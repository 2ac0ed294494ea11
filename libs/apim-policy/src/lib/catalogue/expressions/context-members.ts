import { cs, type CatalogueExpression } from '../catalogue-entry';

/** The `context` object: Request, Response, Deployment, Product, User, LastError, Elapsed, RequestId, Api, Operation. */
export const CONTEXT_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'context/request-id-header',
    features: ['context'],
    source: cs`@(context.RequestId.ToString())`,
    note: 'RequestId is a Guid in APIM; ToString() is how teams put it in a header',
  },
  {
    id: 'context/deployment-region',
    features: ['context'],
    source: cs`@(context.Deployment.Region)`,
    expected: 'local',
  },
  {
    id: 'context/deployment-service-name',
    features: ['context'],
    source: cs`@(context.Deployment.ServiceName + "/" + context.Deployment.Region)`,
    expected: 'stack-gateway/local',
  },
  {
    id: 'context/deployment-gateway-id',
    features: ['context'],
    source: cs`@(context.Deployment.GatewayId)`,
    note: 'self-hosted gateways: which node answered',
  },
  {
    id: 'context/product-name',
    features: ['context'],
    source: cs`@(context.Product?.Name ?? "no product")`,
    expected: 'Partner',
  },
  {
    id: 'context/product-id-compare',
    features: ['context'],
    source: cs`@(context.Product != null && context.Product.Id == "partner")`,
    expected: 'True',
  },
  {
    id: 'context/user-email',
    features: ['context'],
    source: cs`@(context.User?.Email ?? "anonymous")`,
    expected: 'anonymous',
  },
  {
    id: 'context/user-groups',
    features: ['context', 'linq'],
    source: cs`@(context.User != null && context.User.Groups.Any(g => g.Name == "Administrators"))`,
    expected: 'False',
  },
  {
    id: 'context/last-error-message',
    features: ['context'],
    source: cs`@(context.LastError.Source + ": " + context.LastError.Reason + " - " + context.LastError.Message)`,
    note: 'on-error only',
  },
  {
    id: 'context/last-error-null-safe',
    features: ['context'],
    source: cs`@(context.LastError?.Reason ?? "none")`,
    expected: 'none',
  },
  {
    id: 'context/elapsed-seconds',
    features: ['context', 'datetime'],
    source: cs`@(context.Elapsed.TotalSeconds < 1)`,
    expected: 'True',
  },
  {
    id: 'context/api-members',
    features: ['context'],
    source: cs`@(context.Api.Name + " (" + context.Api.Id + ") at /" + context.Api.Path)`,
    expected: 'Orders API (orders-api) at /orders',
  },
  {
    id: 'context/api-version',
    features: ['context'],
    source: cs`@(context.Api.Version ?? "unversioned")`,
    note: 'APIM has Api.Version and Api.Revision',
  },
  {
    id: 'context/operation-members',
    features: ['context'],
    source: cs`@(context.Operation.Method + " " + context.Operation.UrlTemplate)`,
    expected: 'GET /items/{id}',
  },
  {
    id: 'context/operation-name',
    features: ['context'],
    source: cs`@(context.Operation.Name)`,
    expected: 'Get item',
  },
  {
    id: 'context/response-status',
    features: ['context'],
    source: cs`@(context.Response.StatusCode >= 400)`,
    expected: 'False',
  },
  {
    id: 'context/response-header',
    features: ['context'],
    source: cs`@(context.Response.Headers.GetValueOrDefault("Content-Type", "application/octet-stream"))`,
    expected: 'application/json',
  },
  {
    id: 'context/request-url-host',
    features: ['context'],
    source: cs`@(context.Request.OriginalUrl.Host + ":" + context.Request.OriginalUrl.Port)`,
    expected: 'gateway.local:8080',
  },
  {
    id: 'context/query-param',
    features: ['context'],
    source: cs`@(context.Request.Url.Query.GetValueOrDefault("region", "eu"))`,
    expected: 'eu',
  },
  {
    id: 'context/ip-address',
    features: ['context'],
    source: cs`@(context.Request.IpAddress.StartsWith("10."))`,
    expected: 'False',
  },
  {
    id: 'context/subscription-key-prefix',
    features: ['context'],
    source: cs`@(context.Subscription?.Key?.Substring(0, 4) ?? "")`,
    expected: 'part',
  },
  {
    id: 'context/request-headers-count',
    features: ['context'],
    source: cs`@(context.Request.Headers.Count > 3)`,
    expected: 'True',
  },
  {
    id: 'context/variable-typed-get',
    features: ['context'],
    source: cs`@(context.Variables.GetValueOrDefault<string>("userId", "guest"))`,
    expected: 'u-42',
  },
  {
    id: 'context/request-certificate',
    features: ['context'],
    source: cs`@(context.Request.Certificate?.Thumbprint ?? "none")`,
    note: 'mutual TLS; X509Certificate2 is on the allowed list',
  },
  {
    id: 'context/trace',
    features: ['context'],
    source: cs`@{
    context.Trace("routing to region " + context.Request.Url.Query.GetValueOrDefault("region", "eu"));
    return true;
}`,
    note: 'context.Trace(message) writes to the APIM request trace when tracing is on',
  },
];
