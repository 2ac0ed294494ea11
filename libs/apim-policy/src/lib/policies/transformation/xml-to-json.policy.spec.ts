import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';

const SOAP = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:shop">
  <s:Body>
    <Orders count="2">
      <Order id="1"><Item>pen</Item></Order>
      <Order id="2"><Item>ink</Item><Item>nib</Item><Note/></Order>
    </Orders>
  </s:Body>
</s:Envelope>`;

function outbound(statement: string, backendBody: string, contentType = 'text/xml; charset=utf-8') {
  return new PolicyTestHost({
    policies: { api: `<policies><inbound /><outbound>${statement}</outbound></policies>` },
    backend: () => ({ body: backendBody, headers: { 'Content-Type': contentType } }),
  });
}

describe('xml-to-json', () => {
  it('direct: declaration fields, $ for prefixes, @ attributes, arrays for repeats, null for empty', async () => {
    const host = outbound('<xml-to-json kind="direct" apply="always" consider-accept-header="false" />', SOAP);
    const result = await host.send({ path: '/orders' });
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.json()).toEqual({
      version: '1.0',
      encoding: 'utf-8',
      s$Envelope: {
        '@xmlns$s': 'http://schemas.xmlsoap.org/soap/envelope/',
        '@xmlns': 'urn:shop',
        s$Body: {
          Orders: {
            '@count': '2',
            Order: [
              { '@id': '1', Item: 'pen' },
              { '@id': '2', Item: ['ink', 'nib'], Note: null },
            ],
          },
        },
      },
    });
  });

  it('javascript-friendly: data only, local names, plain attribute properties; always-array-child-elements', async () => {
    const host = outbound(
      '<xml-to-json kind="javascript-friendly" apply="always" consider-accept-header="false" always-array-child-elements="true" />',
      SOAP,
    );
    expect((await host.send({ path: '/orders' })).json()).toEqual({
      Envelope: {
        Body: [
          {
            Orders: [
              {
                count: '2',
                Order: [
                  { id: '1', Item: ['pen'] },
                  { id: '2', Item: ['ink', 'nib'], Note: [null] },
                ],
              },
            ],
          },
        ],
      },
    });
  });

  it('keeps text beside attributes as #text and reads CDATA', async () => {
    const host = outbound(
      '<xml-to-json kind="direct" apply="always" consider-accept-header="false" />',
      '<price currency="EUR"><![CDATA[<12.50>]]></price>',
    );
    expect((await host.send({ path: '/' })).json()).toEqual({ price: { '@currency': 'EUR', '#text': '<12.50>' } });
  });

  it('with content-type-xml converts only XML; with consider-accept-header only when Accept asks for JSON', async () => {
    const host = outbound('<xml-to-json kind="direct" apply="content-type-xml" />', '<a>1</a>', 'application/atom+xml');
    expect((await host.send({ path: '/', headers: { Accept: 'application/json' } })).text).toBe('{"a":"1"}');
    expect((await host.send({ path: '/', headers: { Accept: 'application/xml' } })).text).toBe('<a>1</a>');
    const plain = outbound(
      '<xml-to-json kind="direct" apply="content-type-xml" consider-accept-header="false" />',
      '<a>1</a>',
      'text/plain',
    );
    expect((await plain.send({ path: '/' })).text).toBe('<a>1</a>');
  });

  it('answers 500 InvalidXml for a backend body that is not XML, and refuses a DOCTYPE', async () => {
    for (const body of ['<a><b></a>', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>']) {
      const result = await outbound(
        '<xml-to-json kind="direct" apply="always" consider-accept-header="false" />',
        body,
      ).send({ path: '/' });
      expect(result.status).toBe(500);
      expect(result.lastError).toMatchObject({ source: 'xml-to-json', reason: 'InvalidXml' });
    }
  });

  it('converts the request in inbound, with expressions choosing the kind', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies><inbound><xml-to-json kind="@(context.Request.Headers.GetValueOrDefault(&quot;X-Kind&quot;, &quot;direct&quot;))" apply="always" consider-accept-header="false" /></inbound></policies>`,
      },
    });
    const sent = await host.send({
      method: 'POST',
      path: '/x',
      body: '<p:a xmlns:p="urn:p" p:k="v">t</p:a>',
      headers: { 'Content-Type': 'application/xml', 'X-Kind': 'javascript-friendly' },
    });
    expect(JSON.parse(sent.forwarded?.body ?? '')).toEqual({ a: { k: 'v', '#text': 't' } });
    expect(sent.forwarded?.headers['content-type']).toBe('application/json');
  });

  it('refuses at load: kind and apply are required and checked', () => {
    const loadError = (statement: string) => {
      try {
        new PolicyTestHost({ policies: { api: `<policies><inbound>${statement}</inbound></policies>` } });
      } catch (error) {
        if (error instanceof GatewayConfigError) return error.message;
        throw error;
      }
      throw new Error('expected a load error');
    };
    expect(loadError('<xml-to-json apply="always" />')).toContain('attribute "kind": required');
    expect(loadError('<xml-to-json kind="direct" />')).toContain('attribute "apply": required');
    expect(loadError('<xml-to-json kind="friendly" apply="always" />')).toContain(
      'not one of javascript-friendly, direct',
    );
    expect(loadError('<xml-to-json kind="direct" apply="content-type-json" />')).toContain(
      'not one of always, content-type-xml',
    );
  });
});
