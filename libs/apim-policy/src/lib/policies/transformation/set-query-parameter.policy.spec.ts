import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';

const inbound = (statements: string) => `<policies><inbound>${statements}</inbound></policies>`;

function hostFor(statements: string): PolicyTestHost {
  return new PolicyTestHost({ policies: { api: inbound(statements) }, namedValues: { 'tenant-key': 'k-42' } });
}

describe('set-query-parameter', () => {
  it('overrides a parameter the client sent, giving one entry per <value>', async () => {
    const host = hostFor(`<set-query-parameter name="region" exists-action="override">
        <value>eu</value><value>us</value>
      </set-query-parameter>`);
    const result = await host.send({ path: '/orders?region=asia&page=2' });
    expect(result.forwarded?.url).toBe('https://backend.test/orders?page=2&region=eu&region=us');
    expect(result.context?.request.originalUrl.search).toBe('?region=asia&page=2');
  });

  it('defaults to override and reads named values and expressions', async () => {
    const host = hostFor(`<set-query-parameter name="key"><value>{{tenant-key}}</value></set-query-parameter>
      <set-query-parameter name="@(&quot;caller-&quot; + context.Request.Method.ToLower())">
        <value>@(context.Request.Headers.GetValueOrDefault("X-Caller", "anonymous"))</value>
      </set-query-parameter>`);
    const result = await host.send({ path: '/orders?key=client', headers: { 'X-Caller': 'billing' } });
    expect(result.forwarded?.url).toBe('https://backend.test/orders?key=k-42&caller-get=billing');
  });

  it('skips a parameter that is present, adds it when absent', async () => {
    const host = hostFor(
      `<set-query-parameter name="page" exists-action="skip"><value>1</value></set-query-parameter>`,
    );
    expect((await host.send({ path: '/list?page=5' })).forwarded?.url).toBe('https://backend.test/list?page=5');
    expect((await host.send({ path: '/list' })).forwarded?.url).toBe('https://backend.test/list?page=1');
  });

  it('appends values after those already there, and deletes every occurrence', async () => {
    const host =
      hostFor(`<set-query-parameter name="tag" exists-action="append"><value>new</value></set-query-parameter>
      <set-query-parameter name="debug" exists-action="delete" />`);
    const result = await host.send({ path: '/items?tag=a&debug=1&tag=b&debug=2' });
    expect(result.forwarded?.url).toBe('https://backend.test/items?tag=a&tag=b&tag=new');
  });

  it('is seen by later expressions through context.Request.Url', async () => {
    const host = hostFor(`<set-query-parameter name="v" exists-action="override"><value>2</value></set-query-parameter>
      <set-variable name="query" value="@(context.Request.Url.QueryString)" />`);
    const result = await host.send({ path: '/x?v=1' });
    expect(result.variables['query']).toBe('?v=2');
  });

  it('refuses at load: no name, no <value> unless deleting, values with delete, the outbound section', () => {
    const loadError = (xml: string) => {
      try {
        new PolicyTestHost({ policies: { api: xml } });
      } catch (error) {
        if (error instanceof GatewayConfigError) return error.message;
        throw error;
      }
      throw new Error('expected a load error');
    };
    expect(loadError(inbound('<set-query-parameter><value>1</value></set-query-parameter>'))).toContain(
      'attribute "name": required',
    );
    expect(loadError(inbound('<set-query-parameter name="a" />'))).toContain('add at least one <value>');
    expect(
      loadError(inbound('<set-query-parameter name="a" exists-action="delete"><value>1</value></set-query-parameter>')),
    ).toContain('remove the <value> elements');
    expect(
      loadError(
        inbound('<set-query-parameter name="a" exists-action="replace"><value>1</value></set-query-parameter>'),
      ),
    ).toContain('not one of override, skip, append, delete');
    expect(
      loadError(
        '<policies><inbound /><outbound><set-query-parameter name="a"><value>1</value></set-query-parameter></outbound></policies>',
      ),
    ).toMatch(/outbound/);
  });
});
