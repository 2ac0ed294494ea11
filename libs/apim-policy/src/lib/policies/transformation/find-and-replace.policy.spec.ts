import { Readable } from 'node:stream';
import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';
import { PolicyHarness } from '../test-support/policy-harness';

function loadError(xml: string): string {
  try {
    new PolicyTestHost({ policies: { api: xml } });
  } catch (error) {
    if (error instanceof GatewayConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a load error');
}

describe('find-and-replace', () => {
  it('replaces every occurrence in the request body in inbound, case-sensitively and literally', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies><inbound><find-and-replace from="colour" to="color" /><find-and-replace from="a.b" to="x" /></inbound></policies>`,
      },
    });
    const result = await host.send({
      method: 'POST',
      path: '/paint',
      headers: { 'Content-Length': '60' },
      body: 'colour: red; Colour: blue; colour: green; aXb stays, a.b goes',
    });
    expect(result.forwarded?.body).toBe('color: red; Colour: blue; color: green; aXb stays, x goes');
    expect(result.forwarded?.headers['content-length']).toBeUndefined();
  });

  it('changes the backend response in outbound, with expressions and an empty replacement', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies><inbound /><outbound>
          <find-and-replace from="https://internal.backend.test" to="@(&quot;https://&quot; + context.Request.OriginalUrl.Host)" />
          <find-and-replace from=" (internal)" to="" />
        </outbound></policies>`,
      },
      backend: () => ({ body: { self: 'https://internal.backend.test/orders/1', name: 'Order (internal)' } }),
    });
    const result = await host.send({ path: 'https://api.example.test/orders/1' });
    expect(result.json()).toEqual({ self: 'https://api.example.test/orders/1', name: 'Order' });
    expect(result.forwarded?.body).toBe('');
  });

  it('works on the failure answer in on-error', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies>
          <inbound><check-header name="X-Tenant" failed-check-httpcode="400" failed-check-error-message="Tenant missing" ignore-case="true" /></inbound>
          <on-error><find-and-replace from="Tenant missing" to="Send X-Tenant" /></on-error>
        </policies>`,
      },
    });
    const result = await host.send({ path: '/x' });
    expect(result.status).toBe(400);
    expect(result.json()).toEqual({ statusCode: 400, message: 'Send X-Tenant' });
  });

  it('reads a streamed body and leaves a message without a body alone', async () => {
    const harness = new PolicyHarness();
    const steps = harness.compile('<find-and-replace from="1" to="one" />');
    const streamed = harness.context({ method: 'POST', body: Readable.from([Buffer.from('1+'), Buffer.from('1')]) });
    await harness.run(steps, streamed);
    expect(streamed.request.body).toBe('one+one');
    const empty = harness.context();
    await harness.run(steps, empty);
    expect(empty.request.body).toBeUndefined();
  });

  it('answers 500 when an expression gives an empty search string', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies><inbound><find-and-replace from="@(context.Request.Headers.GetValueOrDefault(&quot;X-Find&quot;, &quot;&quot;))" to="y" /></inbound></policies>`,
      },
    });
    const result = await host.send({ method: 'POST', path: '/x', body: 'abc' });
    expect(result.status).toBe(500);
    expect(result.lastError).toMatchObject({ reason: 'ExpressionValueEvaluationFailure' });
  });

  it('refuses at load: a missing or empty from, a missing to, children', () => {
    const inbound = (statement: string) => `<policies><inbound>${statement}</inbound></policies>`;
    expect(loadError(inbound('<find-and-replace to="b" />'))).toContain('attribute "from": required');
    expect(loadError(inbound('<find-and-replace from="" to="b" />'))).toContain('empty; give the text to search for');
    expect(loadError(inbound('<find-and-replace from="a" />'))).toContain('attribute "to": required');
    expect(loadError(inbound('<find-and-replace from="a" to="b"><value>c</value></find-and-replace>'))).toContain(
      'holds no elements',
    );
  });
});
