import { Readable } from 'node:stream';
import { type Body, GatewayContext } from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';
import { PolicyTestHost } from '../testing/policy-test-host';
import { compileExpression } from './index';

/** The `context` members APIM documents: what each reads from GatewayContext, and body reading. */

function makeContext(body?: Body): GatewayContext {
  const context = new GatewayContext({
    method: 'POST',
    originalUrl: new URL('https://gw.example.test:8443/orders/42?expand=lines&expand=tax'),
    headers: HeaderBag.from({ 'content-type': 'application/json', 'x-trace': 'abc' }),
    ipAddress: '10.1.2.3',
    body,
    api: { id: 'orders-api', name: 'Orders', path: 'orders', serviceUrl: 'http://orders.internal:9000/v2' },
    operation: { id: 'get-order', name: 'Get order', method: 'POST', urlTemplate: '/{id}' },
    matchedParameters: { id: '42' },
    backendPath: '/42',
    product: { id: 'gold', name: 'Gold' },
    subscription: { id: 'sub-1', name: 'Team A', key: 'k1', primaryKey: 'k1', secondaryKey: 'k2' },
  });
  context.variables.set('limit', 10);
  context.variables.set('label', 'blue');
  return context;
}

const compile = (source: string) => compileExpression(source, { file: 'p.xml', line: 1 });
const run = (source: string, context = makeContext()) => compile(source).evaluate(context);

describe('context members', () => {
  it('reads the API, operation, product and deployment', () => {
    expect(run('@(context.Api.Id + "|" + context.Api.Name + "|" + context.Api.Path)')).toBe('orders-api|Orders|orders');
    expect(run('@(context.Api.ServiceUrl.Host + ":" + context.Api.ServiceUrl.Port)')).toBe('orders.internal:9000');
    expect(run('@(context.Api.SubscriptionKeyParameterNames.Header)')).toBe('Ocp-Apim-Subscription-Key');
    expect(run('@(context.Api.SubscriptionKeyParameterNames.Query)')).toBe('subscription-key');
    expect(run('@(context.Api.IsCurrentRevision)')).toBe(true);
    expect(run('@(context.Api.Version ?? "unversioned")')).toBe('unversioned');
    expect(run('@(context.Operation.UrlTemplate + " " + context.Operation.Method)')).toBe('/{id} POST');
    expect(run('@(context.Product.Name + " " + context.Product.State)')).toBe('Gold Published');
    expect(run('@(context.Product.SubscriptionRequired)')).toBe(true);
    expect(run('@(context.Product.SubscriptionsLimit ?? -1)')).toBe(-1);
    expect(run('@(context.Deployment.Region + "/" + context.Deployment.ServiceName)')).toBe('local/stack-gateway');
    expect(run('@(context.Deployment.Gateway.IsManaged)')).toBe(true);
    expect(run('@(context.Tracing)')).toBe(false);
    expect(run('@(context.Deployment.Certificates.Count)')).toBe(0);
    expect(
      run(
        '@(context.Deployment.Certificates.ContainsKey("x") ? context.Deployment.Certificates["x"].Thumbprint : "-")',
      ),
    ).toBe('-');
  });

  it('reads the subscription; its dates are not configured and read as null', () => {
    expect(run('@(context.Subscription.Name + ":" + context.Subscription.SecondaryKey)')).toBe('Team A:k2');
    expect(run('@(context.Subscription.EndDate == null)')).toBe(true);
  });

  it('type-checks every IUser member though User is always null', () => {
    expect(run('@(context.User?.Email ?? "nobody")')).toBe('nobody');
    expect(run('@(context.User?.RegistrationDate == null)')).toBe(true);
    expect(compile('@(context.User?.LastName)').source).toContain('LastName');
  });

  it('reads URLs, query values and matched parameters', () => {
    expect(run('@(context.Request.OriginalUrl.Scheme + "://" + context.Request.OriginalUrl.Host)')).toBe(
      'https://gw.example.test',
    );
    expect(run('@(context.Request.OriginalUrl.Port)')).toBe(8443);
    expect(run('@(context.Request.OriginalUrl.Query.GetValueOrDefault("expand"))')).toBe('lines,tax');
    expect(run('@(context.Request.Url.ToString())')).toBe('http://orders.internal:9000/v2/42?expand=lines&expand=tax');
    expect(run('@(context.Request.MatchedParameters["id"])')).toBe('42');
    expect(run('@(context.Request.Certificate == null)')).toBe(true);
    expect(run('@(context.Request.PrivateEndpointConnection?.Name ?? "public")')).toBe('public');
  });

  it('reads headers and variables with TryGetValue and the generic GetValueOrDefault', () => {
    expect(
      run('@{ string[] values; return context.Request.Headers.TryGetValue("X-Trace", out values) ? values[0] : "-"; }'),
    ).toBe('abc');
    expect(run('@(context.Request.Headers.TryGetValue("x-missing", out var v) ? "yes" : "no")')).toBe('no');
    expect(run('@(context.Variables.GetValueOrDefault<int>("limit") + 1)')).toBe(11);
    expect(run('@(context.Variables.GetValueOrDefault<int>("none", 5))')).toBe(5);
    expect(run('@(context.Variables.TryGetValue("label", out object label) ? (string)label : "")')).toBe('blue');
    expect(run('@(context.Variables.ContainsKey("label"))')).toBe(true);
  });
});

describe('message bodies', () => {
  it('As<string>() reads and consumes the body; preserveContent keeps it', () => {
    const context = makeContext(Buffer.from('{"id":7}'));
    expect(run('@(context.Request.Body.As<string>(preserveContent: true))', context)).toBe('{"id":7}');
    expect(context.request.body).toEqual(Buffer.from('{"id":7}'));
    expect(run('@(context.Request.Body.As<string>())', context)).toBe('{"id":7}');
    expect(context.request.body).toBe('');
    expect(run('@(context.Request.Body.As<string>())', context)).toBe('');
  });

  it('a consumed body reads as an empty string and a null document, as in APIM', () => {
    const context = makeContext('<order><id>5</id></order>');
    expect(run('@(context.Request.Body.As<XElement>().Element("id").Value)', context)).toBe('5');
    expect(run('@(context.Request.Body.As<XElement>() == null)', context)).toBe(true);
    expect(() => run('@(context.Request.Body.As<XElement>().Element("id").Value)', context)).toThrow('is null');
    expect(run('@(context.Request.Body.As<JObject>() == null)', context)).toBe(true);
    expect(run('@(context.Request.Body.As<byte[]>().Length)', context)).toBe(0);
  });

  it('As<JObject>() parses JSON and faults on malformed JSON', () => {
    const context = makeContext('{"id":7,"lines":[{"sku":"a"},{"sku":"b"}]}');
    expect(run('@((int)context.Request.Body.As<JObject>(true)["id"])', context)).toBe(7);
    expect(
      run('@((string)context.Request.Body.As<JObject>(preserveContent: true).SelectToken("lines[1].sku"))', context),
    ).toBe('b');
    expect(() => run('@(context.Request.Body.As<JObject>().ToString())', makeContext('{"id":'))).toThrow(
      "The message body is not a valid JSON. Unexpected end when reading JSON. Path 'id', line 1, position 6.",
    );
    expect(() => run('@(context.Request.Body.As<JArray>().Count)', makeContext('{}'))).toThrow(
      'Current JsonReader item is not an array: StartObject',
    );
  });

  it('As<byte[]>() gives the raw bytes', () => {
    expect(run('@(context.Request.Body.As<byte[]>().Length)', makeContext(Buffer.from([1, 2, 3])))).toBe(3);
  });

  it('a message without a body has a null Body; a body still streaming is a fault', () => {
    expect(run('@(context.Request.Body?.As<string>() ?? "none")', makeContext(undefined))).toBe('none');
    expect(run('@(context.Request.Body == null)', makeContext(Buffer.alloc(0)))).toBe(true);
    expect(() => run('@(context.Request.Body.As<string>())', makeContext(Readable.from(['x'])))).toThrow(
      'the request body was not buffered',
    );
  });

  it('reads the response body', () => {
    const context = makeContext();
    context.ensureResponse().body = Buffer.from('[1,2,3]');
    expect(run('@(context.Response.Body.As<JArray>().Count)', context)).toBe(3);
    expect(context.response?.body).toBe('');
  });

  it('refuses As<T> for a type APIM does not read bodies as', () => {
    expect(() => compile('@(context.Request.Body.As<int>())')).toThrow('As<int> is not supported');
  });
});

describe('form bodies', () => {
  it('AsFormUrlEncodedContent() gives every value of every field', () => {
    const context = makeContext('tag=a&tag=b&name=Ada+L%C3%B6w&empty=');
    expect(run('@(context.Request.Body.AsFormUrlEncodedContent(preserveContent: true)["name"][0])', context)).toBe(
      'Ada Löw',
    );
    expect(run('@(context.Request.Body.AsFormUrlEncodedContent(true)["tag"].Count)', context)).toBe(2);
    expect(run('@(context.Request.Body.AsFormUrlEncodedContent().Count)', context)).toBe(3);
    expect(context.request.body).toBe('');
  });
});

describe('bodies through a policy pipeline', () => {
  const post = (host: PolicyTestHost, body: object) => host.send({ method: 'POST', path: '/orders', body });

  it('reading without preserveContent leaves nothing to forward; with it the body goes on', async () => {
    const consume = new PolicyTestHost({
      policies: {
        api: `<policies><inbound><set-variable name="id" value="@(context.Request.Body.As<JObject>()["id"].ToString())" /></inbound><backend><forward-request /></backend><outbound /><on-error /></policies>`,
      },
    });
    const consumed = await post(consume, { id: 12 });
    expect(consumed.variables['id']).toBe('12');
    expect(consumed.forwarded?.body).toBe('');

    const keep = new PolicyTestHost({
      policies: {
        api: `<policies><inbound><set-variable name="id" value="@(context.Request.Body.As<JObject>(preserveContent: true)["id"].ToString())" /></inbound><backend><forward-request /></backend><outbound /><on-error /></policies>`,
      },
    });
    const kept = await post(keep, { id: 12 });
    expect(kept.variables['id']).toBe('12');
    expect(JSON.parse(kept.forwarded?.body ?? '')).toEqual({ id: 12 });
  });

  it('set-body turns an XML request into JSON for the backend', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies>
  <inbound>
    <set-body>@{
      var order = context.Request.Body.As<XElement>();
      var result = new JObject(new JProperty("id", (int)order.Attribute("id")));
      result["skus"] = new JArray(order.Elements("line").Select(l => (string)l.Attribute("sku")));
      return result.ToString(Formatting.None);
    }</set-body>
  </inbound>
  <backend><forward-request /></backend>
  <outbound />
  <on-error />
</policies>`,
      },
    });
    const result = await host.send({
      method: 'POST',
      path: '/orders',
      headers: { 'content-type': 'application/xml' },
      body: '<order id="8"><line sku="a"/><line sku="b"/></order>',
    });
    expect(result.forwarded?.body).toBe('{"id":8,"skus":["a","b"]}');
  });

  it('set-body rewrites a JSON request and a policy reads the backend response', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies>
  <inbound>
    <set-body>@{
      var order = context.Request.Body.As<JObject>();
      order["channel"] = "gateway";
      order.Remove("secret");
      return order.ToString(Formatting.None);
    }</set-body>
  </inbound>
  <backend><forward-request /></backend>
  <outbound>
    <set-header name="X-Total" exists-action="override">
      <value>@(context.Response.Body.As<JObject>(preserveContent: true).SelectToken("$.totals.gross").ToString())</value>
    </set-header>
  </outbound>
  <on-error />
</policies>`,
      },
      backend: () => ({ body: { totals: { gross: 19.5 } } }),
    });
    const result = await post(host, { id: 3, secret: 'x' });
    expect(result.forwarded?.body).toBe('{"id":3,"channel":"gateway"}');
    expect(result.headers['x-total']).toBe('19.5');
    expect(result.json()).toEqual({ totals: { gross: 19.5 } });
  });
});

describe('body text', () => {
  it("decodes with the Content-Type's charset and drops a byte order mark", () => {
    const latin = makeContext(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    latin.request.headers = HeaderBag.from({ 'content-type': 'text/plain; charset=ISO-8859-1' });
    expect(run('@(context.Request.Body.As<string>())', latin)).toBe('café');
    const bom = makeContext(Buffer.from('\uFEFF{"a":1}', 'utf8'));
    expect(run('@((int)context.Request.Body.As<JObject>()["a"])', bom)).toBe(1);
  });
});

describe('context.RequestId', () => {
  it('is a Guid, as in APIM, printing as the request UUID', () => {
    const context = makeContext();
    expect(run('@(context.RequestId.ToString())', context)).toBe(context.requestId);
    expect(run('@(context.RequestId.ToString("N").Length)', context)).toBe(32);
    expect(run('@(context.RequestId != Guid.Empty)', context)).toBe(true);
    expect(run('@("id=" + context.RequestId)', context)).toBe(`id=${context.requestId}`);
    expect(run('@(new JProperty("requestId", context.RequestId).ToString())', context)).toBe(
      `"requestId": "${context.requestId}"`,
    );
  });
});

describe('text bodies', () => {
  it('a body a policy set as text is read as it is, whatever the charset says', () => {
    const context = makeContext('café');
    context.request.headers = HeaderBag.from({ 'content-type': 'text/plain; charset=iso-8859-1' });
    expect(run('@(context.Request.Body.As<string>())', context)).toBe('café');
  });
});
