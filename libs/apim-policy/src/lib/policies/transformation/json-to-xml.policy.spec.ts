import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';
import { encodeName, normaliseDate } from './json-to-xml';

function outbound(statement: string, backendBody: string | object, contentType = 'application/json') {
  return new PolicyTestHost({
    policies: { api: `<policies><inbound /><outbound>${statement}</outbound></policies>` },
    backend: () => ({
      body: typeof backendBody === 'string' ? backendBody : JSON.stringify(backendBody),
      headers: { 'Content-Type': contentType },
    }),
  });
}

function loadError(statement: string): string {
  try {
    new PolicyTestHost({ policies: { api: `<policies><inbound>${statement}</inbound></policies>` } });
  } catch (error) {
    if (error instanceof GatewayConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a load error');
}

describe('json-to-xml', () => {
  it('wraps several top-level properties in <Document>, repeats array elements, empties null', async () => {
    const host = outbound('<json-to-xml apply="always" consider-accept-header="false" />', {
      id: 12,
      paid: true,
      lines: [{ sku: 'A-1', qty: 2 }, { sku: 'B&2' }],
      note: null,
    });
    const result = await host.send({ path: '/orders/12' });
    expect(result.text).toBe(
      '<Document><id>12</id><paid>true</paid><lines><sku>A-1</sku><qty>2</qty></lines>' +
        '<lines><sku>B&amp;2</sku></lines><note /></Document>',
    );
    expect(result.headers['content-type']).toBe('application/xml');
  });

  it('makes a single named object the root, with namespaces and an attribute block', async () => {
    const host = outbound(
      '<json-to-xml apply="always" consider-accept-header="false" namespace-separator=":" namespace-prefix="xmlns" attribute-block-name="$attributes" />',
      {
        'env:Message': {
          'xmlns:env': 'urn:example:envelope',
          'env:Header': {},
          'env:Payload': { Invoice: { $attributes: { currency: 'EUR', 'issued-by': 'billing' }, Total: 99.5 } },
        },
      },
    );
    const result = await host.send({ path: '/invoices/1' });
    expect(result.text).toBe(
      '<env:Message xmlns:env="urn:example:envelope"><env:Header /><env:Payload>' +
        '<Invoice currency="EUR" issued-by="billing"><Total>99.5</Total></Invoice></env:Payload></env:Message>',
    );
  });

  it('maps the default "_" separator only for declared prefixes; other names stay (encoded when invalid)', async () => {
    const host = outbound('<json-to-xml apply="always" consider-accept-header="false" namespace-prefix="xmlns" />', {
      p_order: { xmlns_p: 'urn:p', first_name: 'Ada', p_total: 3, '2nd line': 'x' },
    });
    const result = await host.send({ path: '/' });
    expect(result.text).toBe(
      '<p:order xmlns:p="urn:p"><first_name>Ada</first_name><p:total>3</p:total><_x0032_nd_x0020_line>x</_x0032_nd_x0020_line></p:order>',
    );
  });

  it('normalises ISO dates unless parse-date="false"', async () => {
    const body = { event: { at: '2024-05-01T10:30:00.1200000Z', label: '2024-05-01 is not a date-time' } };
    const parsed = await outbound('<json-to-xml apply="always" consider-accept-header="false" />', body).send({
      path: '/',
    });
    expect(parsed.text).toBe(
      '<event><at>2024-05-01T10:30:00.12Z</at><label>2024-05-01 is not a date-time</label></event>',
    );
    const copied = await outbound(
      '<json-to-xml apply="always" consider-accept-header="false" parse-date="false" />',
      body,
    ).send({ path: '/' });
    expect(copied.text).toContain('<at>2024-05-01T10:30:00.1200000Z</at>');
    expect(normaliseDate('2024-05-01T10:30:00.000+02:00')).toBe('2024-05-01T10:30:00+02:00');
  });

  it('with content-type-json converts only JSON; with consider-accept-header only when Accept asks for XML', async () => {
    const onlyJson = outbound(
      '<json-to-xml apply="content-type-json" consider-accept-header="false" />',
      'a,b',
      'text/csv',
    );
    expect((await onlyJson.send({ path: '/' })).text).toBe('a,b');
    const problemJson = outbound(
      '<json-to-xml apply="content-type-json" consider-accept-header="false" />',
      { a: 1 },
      'application/problem+json',
    );
    expect((await problemJson.send({ path: '/' })).text).toBe('<a>1</a>');
    const negotiated = outbound('<json-to-xml apply="always" />', { a: 1 });
    expect((await negotiated.send({ path: '/', headers: { Accept: 'application/json' } })).text).toBe('{"a":1}');
    expect((await negotiated.send({ path: '/', headers: { Accept: '*/*' } })).text).toBe('{"a":1}');
    expect((await negotiated.send({ path: '/', headers: { Accept: 'text/html, application/xml;q=0.9' } })).text).toBe(
      '<a>1</a>',
    );
  });

  it('converts the request in inbound; a request that is not JSON is a 400 with LastError InvalidJson', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies><inbound><json-to-xml apply="always" consider-accept-header="false" /></inbound>
          <on-error><set-header name="X-Reason" exists-action="override"><value>@(context.LastError.Source + "/" + context.LastError.Reason)</value></set-header></on-error></policies>`,
      },
    });
    const sent = await host.send({ method: 'POST', path: '/soap', body: { Ping: { at: 'now' } } });
    expect(sent.forwarded?.body).toBe('<Ping><at>now</at></Ping>');
    expect(sent.forwarded?.headers['content-type']).toBe('application/xml');
    const broken = await host.send({
      method: 'POST',
      path: '/soap',
      body: '{"open": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.headers['x-reason']).toBe('json-to-xml/InvalidJson');
    expect(broken.forwarded).toBeUndefined();
  });

  it('wraps a top-level array as <Document><Array>…', async () => {
    const result = await outbound('<json-to-xml apply="always" consider-accept-header="false" />', [1, { b: 2 }]).send({
      path: '/',
    });
    expect(result.text).toBe('<Document><Array>1</Array><Array><b>2</b></Array></Document>');
    expect(encodeName('a:b')).toBe('a_x003A_b');
  });

  it('refuses at load: no apply, an unknown apply, an expression in parse-date, a long separator, backend', () => {
    expect(loadError('<json-to-xml />')).toContain('attribute "apply": required');
    expect(loadError('<json-to-xml apply="content-type-xml" />')).toContain('not one of always, content-type-json');
    expect(loadError('<json-to-xml apply="always" parse-date="@(true)" />')).toContain(
      "policy expressions aren't allowed",
    );
    expect(loadError('<json-to-xml apply="always" namespace-separator="::" />')).toContain('give one character');
    expect(
      () =>
        new PolicyTestHost({
          policies: { api: '<policies><inbound /><backend><json-to-xml apply="always" /></backend></policies>' },
        }),
    ).toThrow(GatewayConfigError);
  });
});
