import { PolicyTestHost } from './policy-test-host';

const NOW = Date.UTC(2030, 5, 9, 23, 30, 0);

describe('PolicyTestHost', () => {
  it("gives expressions the host's clock: DateTime.UtcNow, DateTimeOffset.UtcNow and context.Timestamp", async () => {
    const host = new PolicyTestHost({
      now: () => NOW,
      policies: {
        api: `<policies><inbound>
          <set-header name="X-Utc" exists-action="override"><value>@(DateTime.UtcNow.ToString("o"))</value></set-header>
          <set-header name="X-Unix" exists-action="override"><value>@(DateTimeOffset.UtcNow.ToUnixTimeSeconds())</value></set-header>
          <set-header name="X-Stamp" exists-action="override"><value>@(context.Timestamp.ToString("s"))</value></set-header>
        </inbound></policies>`,
      },
    });

    const { forwarded } = await host.send({ path: '/orders' });

    expect(forwarded?.headers['x-utc']).toBe('2030-06-09T23:30:00.0000000Z');
    expect(forwarded?.headers['x-unix']).toBe(String(NOW / 1000));
    expect(forwarded?.headers['x-stamp']).toBe('2030-06-09T23:30:00');
  });

  it('reports variables, the trace with outcomes and what reached the backend', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: `<policies>
          <inbound>
            <set-variable name="tier" value="@(context.Request.Headers.GetValueOrDefault(&quot;X-Tier&quot;, &quot;free&quot;))" />
            <choose>
              <when condition="@((string)context.Variables[&quot;tier&quot;] == &quot;blocked&quot;)">
                <return-response><set-status code="403" reason="Forbidden" /></return-response>
              </when>
            </choose>
            <set-query-parameter name="tier" exists-action="override"><value>@((string)context.Variables["tier"])</value></set-query-parameter>
          </inbound>
        </policies>`,
      },
      backend: (request) => ({ status: 201, body: { got: request.url } }),
    });

    const gold = await host.send({ method: 'POST', path: '/orders?x=1', headers: { 'X-Tier': 'gold' }, body: 'hi' });
    expect(gold.status).toBe(201);
    expect(gold.json()).toEqual({ got: 'https://backend.test/orders?x=1&tier=gold' });
    expect(gold.forwarded).toMatchObject({ method: 'POST', body: 'hi' });
    expect(gold.variables).toEqual({ tier: 'gold' });
    expect(gold.trace.map((step) => `${step.policy}:${step.outcome}`)).toEqual([
      'set-variable:done',
      'choose:done',
      'set-query-parameter:done',
    ]);

    const blocked = await host.send({ path: '/orders', headers: { 'X-Tier': 'blocked' } });
    expect(blocked.status).toBe(403);
    expect(blocked.forwarded).toBeUndefined();
    expect(blocked.trace.map((step) => `${step.policy}:${step.outcome}`)).toEqual([
      'set-variable:done',
      'choose:ended',
      'return-response:ended',
    ]);
  });

  it('names the file and line of a policy that does not load', () => {
    expect(
      () =>
        new PolicyTestHost({
          policies: { api: '<policies>\n<inbound>\n<set-headr name="x" />\n</inbound>\n</policies>' },
        }),
    ).toThrow(/^policies\/apis\/api\.xml:3 <set-headr>: not a policy statement/);
  });

  it('answers 404 for a path no operation has, as APIM', async () => {
    const host = new PolicyTestHost({
      api: { path: 'shop', operations: [{ id: 'list', method: 'GET', urlTemplate: '/items' }] },
    });

    const result = await host.send({ path: '/shop/other' });
    expect(result.status).toBe(404);
    expect(result.json()).toEqual({ statusCode: 404, message: 'Resource not found' });
  });
});
