import { cs, type CatalogueExpression } from '../catalogue-entry';

/** `(IResponse)` casts on the variable a `send-request` fills (`response-variable-name`). */
export const SEND_REQUEST_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'iresponse/status-code',
    features: ['iresponse-cast', 'context'],
    source: cs`@(((IResponse)context.Variables["introspection"]).StatusCode == 200)`,
    expected: 'True',
  },
  {
    id: 'iresponse/body-jobject-field',
    features: ['iresponse-cast', 'body', 'json', 'context'],
    source: cs`@(((IResponse)context.Variables["introspection"]).Body.As<JObject>()["active"].Value<bool>())`,
    note: 'token introspection: is the token active?',
    expected: 'True',
  },
  {
    id: 'iresponse/body-string',
    features: ['iresponse-cast', 'body', 'context'],
    source: cs`@(((IResponse)context.Variables["lookup"]).Body.As<string>(preserveContent: true))`,
    expected: 'cached-profile',
  },
  {
    id: 'iresponse/header',
    features: ['iresponse-cast', 'context'],
    source: cs`@(((IResponse)context.Variables["lookup"]).Headers.GetValueOrDefault("ETag", ""))`,
    expected: '"v7"',
  },
  {
    id: 'iresponse/as-cast',
    features: ['iresponse-cast', 'context'],
    source: cs`@((context.Variables["lookup"] as IResponse)?.StatusCode ?? 0)`,
    expected: '200',
  },
  {
    id: 'iresponse/typed-get',
    features: ['iresponse-cast', 'body', 'json', 'context'],
    source: cs`@(context.Variables.GetValueOrDefault<IResponse>("profile-response").Body.As<JObject>()["displayName"].ToString())`,
    expected: 'Ada L.',
  },
  {
    id: 'iresponse/block-fallback',
    features: ['iresponse-cast', 'statements', 'body', 'json', 'context'],
    source: cs`@{
    var reply = (IResponse)context.Variables["entitlements"];
    if (reply == null || reply.StatusCode != 200) { return "[]"; }
    var grants = reply.Body.As<JObject>()["grants"] as JArray;
    return grants == null ? "[]" : grants.ToString(Newtonsoft.Json.Formatting.None);
}`,
    expected: '["read","write"]',
  },
  {
    id: 'iresponse/status-in-range',
    features: ['iresponse-cast', 'context'],
    source: cs`@(((IResponse)context.Variables["lookup"]).StatusCode >= 500 && ((IResponse)context.Variables["lookup"]).StatusCode < 600)`,
    expected: 'False',
  },
  {
    id: 'iresponse/token-from-auth-server',
    features: ['iresponse-cast', 'body', 'json', 'interpolation', 'context'],
    source: cs`@($"Bearer {((IResponse)context.Variables["token-response"]).Body.As<JObject>()["access_token"]}")`,
    note: 'client-credentials token fetched by send-request, forwarded as Authorization',
    expected: 'Bearer abc',
  },
];
