import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';
import { parsePolicyXml } from '../../xml/read-policy-xml';
import { createCompileContext } from '../compile-context';
import { PolicyHarness, TEST_FILE } from '../test-support/policy-harness';
import { compileMethod } from './set-method.policy';

function loadError(xml: string): string {
  try {
    new PolicyTestHost({ policies: { api: xml } });
  } catch (error) {
    if (error instanceof GatewayConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a load error');
}

describe('set-method', () => {
  it('changes the method the backend gets; later expressions read the new one', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies><inbound>
          <set-method>PUT</set-method>
          <set-variable name="seen" value="@(context.Request.Method)" />
        </inbound></policies>`,
      },
    });
    const result = await host.send({ method: 'POST', path: '/orders/7', body: { qty: 2 } });
    expect(result.forwarded).toMatchObject({ method: 'PUT', body: '{"qty":2}' });
    expect(result.variables['seen']).toBe('PUT');
  });

  it('takes a named value or an expression', async () => {
    const host = new PolicyTestHost({
      namedValues: { 'write-method': 'PATCH' },
      policies: {
        api: `<policies><inbound>
          <choose>
            <when condition="@(context.Request.Headers.ContainsKey(&quot;X-Tunnel&quot;))">
              <set-method>@(context.Request.Headers.GetValueOrDefault("X-Tunnel", "GET"))</set-method>
            </when>
            <otherwise><set-method>{{write-method}}</set-method></otherwise>
          </choose>
        </inbound></policies>`,
      },
    });
    expect((await host.send({ method: 'POST', path: '/a', headers: { 'X-Tunnel': 'DELETE' } })).forwarded?.method).toBe(
      'DELETE',
    );
    expect((await host.send({ method: 'POST', path: '/a' })).forwarded?.method).toBe('PATCH');
  });

  it('answers 500 ExpressionValueEvaluationFailure when an expression gives no method', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies><inbound><set-method>@(context.Request.Headers.GetValueOrDefault("X-Tunnel", ""))</set-method></inbound></policies>`,
      },
    });
    const result = await host.send({ method: 'POST', path: '/a', headers: { 'X-Tunnel': 'NOT A METHOD' } });
    expect(result.status).toBe(500);
    expect(result.forwarded).toBeUndefined();
    expect(result.lastError).toMatchObject({ reason: 'ExpressionValueEvaluationFailure', source: 'expression' });
  });

  it('is allowed in inbound and on-error only (APIM), and refuses what is not a method', () => {
    expect(loadError('<policies><inbound /><backend><set-method>GET</set-method></backend></policies>')).toContain(
      'set-method',
    );
    expect(loadError('<policies><inbound><set-method>GO AWAY</set-method></inbound></policies>')).toContain(
      'is not an HTTP method',
    );
    expect(loadError('<policies><inbound><set-method /></inbound></policies>')).toContain(
      'empty; write an HTTP method',
    );
    expect(loadError('<policies><inbound><set-method verb="GET" /></inbound></policies>')).toContain(
      'unknown attribute',
    );
    expect(
      () =>
        new PolicyTestHost({
          policies: { api: '<policies><inbound /><on-error><set-method>POST</set-method></on-error></policies>' },
        }),
    ).not.toThrow();
  });

  it('exports the method reader for send-request', () => {
    const harness = new PolicyHarness();
    const [element] = parsePolicyXml('<set-method>@(context.Request.Method)</set-method>');
    const context = createCompileContext({
      file: TEST_FILE,
      scope: 'api',
      section: 'inbound',
      services: harness.services,
      registry: harness.registry,
      compileExpression: (source) => ({ source, evaluate: (ctx) => ctx.request.method }),
    });
    expect(compileMethod(element, context)(harness.context({ method: 'OPTIONS' }))).toBe('OPTIONS');
  });
});
