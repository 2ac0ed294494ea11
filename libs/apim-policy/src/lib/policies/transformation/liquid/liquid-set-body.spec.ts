import { GatewayConfigError } from '../../../errors/gateway-config-error';
import { PolicyTestHost, type PolicyTestHostOptions } from '../../../testing/policy-test-host';

const NOW = Date.UTC(2025, 2, 14, 9, 26, 53);

function host(section: 'inbound' | 'outbound', statements: string, options: PolicyTestHostOptions = {}) {
  const other = section === 'inbound' ? '<outbound />' : '';
  return new PolicyTestHost({
    now: () => NOW,
    ...options,
    policies: {
      api:
        section === 'inbound'
          ? `<policies><inbound>${statements}</inbound>${other}</policies>`
          : `<policies><inbound /><outbound>${statements}</outbound></policies>`,
    },
  });
}

function loadError(statements: string, namedValues: Record<string, string> = {}): string {
  try {
    new PolicyTestHost({ policies: { api: `<policies><inbound>${statements}</inbound></policies>` }, namedValues });
  } catch (error) {
    if (error instanceof GatewayConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a load error');
}

describe('set-body template="liquid"', () => {
  it('reshapes a JSON request body, reading body as an object and the context (headers, matched parameters)', async () => {
    const api = host(
      'inbound',
      `<set-body template="liquid">{"ticket": "{{body.issue.key}}", "title": "{{body.issue.summary | Upcase}}",
"tenant": "{{context.Request.Headers.X-Tenant}}", "order": "{{context.Request.MatchedParameters.orderId}}",
"lines": {{body.issue.lines | Size}}, "via": "{{context.Request.Method}} {{context.Request.OriginalUrl.Path}}"}</set-body>`,
      { api: { operations: [{ id: 'update', method: 'POST', urlTemplate: '/orders/{orderId}' }] } },
    );
    const result = await api.send({
      method: 'POST',
      path: '/orders/o-9?trace=1',
      headers: { 'X-Tenant': 'north' },
      body: { issue: { key: 'OPS-12', summary: 'disk full', lines: [1, 2, 3] } },
    });
    expect(JSON.parse(result.forwarded?.body ?? '')).toEqual({
      ticket: 'OPS-12',
      title: 'DISK FULL',
      tenant: 'north',
      order: 'o-9',
      lines: 3,
      via: 'POST /orders/o-9',
    });
  });

  it('reshapes a backend response in outbound, with loops, Default, Date in .NET format and Variables', async () => {
    const api = host(
      'outbound',
      `<set-variable name="region" value="eu-west" />
       <set-body template="liquid">{% for p in body.products %}{{p.name | Capitalize}}={{p.price | Default: "n/a"}};{% endfor %}
at {{ "now" | Date: "yyyy-MM-ddTHH:mm:ssZ" }} from {{context.Variables.region}} ({{context.Response.StatusCode}})
shipped {{body.shipped | Date: "dd MMM yyyy"}}</set-body>`,
      {
        backend: () => ({
          body: { products: [{ name: 'pen', price: 2 }, { name: 'ink' }], shipped: '2025-01-05T10:00:00Z' },
        }),
      },
    );
    const result = await api.send({ path: '/products' });
    expect(result.text).toBe('Pen=2;Ink=n/a;\nat 2025-03-14T09:26:53Z from eu-west (200)\nshipped 05 Jan 2025');
  });

  it('binds an XML body by local names, with xsi:nil as blank by default or null', async () => {
    const xml =
      '<o:Order xmlns:o="urn:o" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="7">' +
      '<o:Customer>Ada</o:Customer><o:Note xsi:nil="true"/></o:Order>';
    const template = `{{body.Order.id}}|{{body.Order.Customer}}|{% if body.Order.Note == nil %}null{% else %}blank:{{body.Order.Note}}{% endif %}`;
    const blank = host('outbound', `<set-body template="liquid">${template}</set-body>`, {
      backend: () => ({ body: xml, headers: { 'Content-Type': 'application/xml' } }),
    });
    expect((await blank.send({ path: '/' })).text).toBe('7|Ada|blank:');
    const asNull = host('outbound', `<set-body template="liquid" xsi-nil="null">${template}</set-body>`, {
      backend: () => ({ body: xml, headers: { 'Content-Type': 'application/xml' } }),
    });
    expect((await asNull.send({ path: '/' })).text).toBe('7|Ada|null');
  });

  it('reads headers case-insensitively, lists them in loops, and prints URLs', async () => {
    const api = host(
      'inbound',
      `<set-body template="liquid">{{context.Request.Headers.x-correlation-id}}|{% for h in context.Request.Headers %}{{h[0]}};{% endfor %}|{{context.Request.OriginalUrl}}|{{context.Request.Url.Host}}{{context.Request.Url.Path}}|{{context.Request.OriginalUrl.Query.page}}</set-body>`,
    );
    const result = await api.send({
      method: 'POST',
      path: 'https://api.example.test/list?page=3',
      headers: { 'X-Correlation-Id': 'c-1' },
      body: 'x',
    });
    expect(result.forwarded?.body).toBe(
      'c-1|X-Correlation-Id;|https://api.example.test/list?page=3|backend.test/list|3',
    );
  });

  it('sees a body whose Content-Type is not JSON as text', async () => {
    const api = host('outbound', '<set-body template="liquid">[{{body | Size}}] {{body.id}}</set-body>', {
      backend: () => ({ body: '{"id":1}', headers: { 'Content-Type': 'text/plain' } }),
    });
    expect((await api.send({ path: '/' })).text).toBe('[8] ');
  });

  it('gets an empty body inside return-response, as APIM documents', async () => {
    const api = host(
      'inbound',
      `<return-response><set-body template="liquid">[{{body}}] {{context.Request.Method}}</set-body></return-response>`,
    );
    const result = await api.send({ method: 'POST', path: '/x', body: { a: 1 } });
    expect(result.text).toBe('[] POST');
  });

  it('substitutes {{name}} only for named values that exist; the rest is Liquid', async () => {
    const api = host('inbound', '<set-body template="liquid">{{greeting}}, {{body.name}}</set-body>', {
      namedValues: { greeting: 'Hello' },
    });
    const result = await api.send({ method: 'POST', path: '/x', body: { name: 'Ada' } });
    expect(result.forwarded?.body).toBe('Hello, Ada');
  });

  it('refuses at load: Ruby filter names (naming the PascalCase one), unknown filters, file tags, bad syntax', () => {
    expect(loadError('<set-body template="liquid">{{ body.a | upcase }}</set-body>')).toContain(
      'unknown filter "upcase"; APIM\'s Liquid names filters in PascalCase (C# mode): write Upcase.',
    );
    expect(loadError('<set-body template="liquid">{{ body.a | at_least: 1 }}</set-body>')).toContain('write AtLeast');
    expect(loadError('<set-body template="liquid">{{ body.a | Reverse }}</set-body>')).toContain(
      'unknown filter "Reverse"; APIM supports Abs, Append',
    );
    expect(loadError('<set-body template="liquid">{% include "secrets" %}</set-body>')).toContain(
      'the {% include %} tag reads other templates',
    );
    expect(loadError('<set-body template="liquid">{% if body.a %}open</set-body>')).toContain(
      'the Liquid template does not parse',
    );
    expect(loadError('<set-body template="liquid" xsi-nil="none">x</set-body>')).toContain('not one of blank, null');
    expect(loadError('<set-body template="liquid" parse-date="@(true)">x</set-body>')).toContain(
      "policy expressions aren't allowed",
    );
  });

  it('answers 500 with LastError LiquidTemplateRenderFailure when a filter fails at run time', async () => {
    const api = host('outbound', '<set-body template="liquid">{{ body.when | Date: "%" }}</set-body>', {
      backend: () => ({ body: { when: '2025-01-05T10:00:00Z' } }),
    });
    const result = await api.send({ path: '/' });
    expect(result.status).toBe(500);
    expect(result.lastError).toMatchObject({ source: 'set-body', reason: 'LiquidTemplateRenderFailure' });
  });
});
