import { HeaderBag } from '../../context/header-bag';
import { PolicyTestHost } from '../../testing/policy-test-host';
import type { TestBackendAnswer } from '../../testing/test-exchange';
import type { PolicyHttpClient, PolicyHttpRequest } from '../services/policy-http-client';

/** An HTTP client whose calls stay open until the test answers them. */
function heldHttp() {
  const pending: Array<{ request: PolicyHttpRequest; answer: (text: string) => void }> = [];
  const http: PolicyHttpClient = {
    send: (request) =>
      new Promise((resolve) => {
        pending.push({
          request,
          answer: (text) => resolve({ statusCode: 200, headers: new HeaderBag(), body: Buffer.from(text) }),
        });
      }),
  };
  return { http, pending };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
};

const sendTo = (name: string) =>
  `<send-request response-variable-name="${name}"><set-url>https://${name}.test/</set-url><set-method>GET</set-method></send-request>`;
const inbound = (statements: string) =>
  `<policies><inbound>${statements}</inbound><backend /><outbound /><on-error /></policies>`;

describe('wait', () => {
  it('starts every statement at once and, with for="all", waits for all of them', async () => {
    const { http, pending } = heldHttp();
    const host = new PolicyTestHost({
      services: { http },
      policies: { api: inbound(`<wait>${sendTo('one')}${sendTo('two')}</wait>`) },
    });
    const sending = host.send({ path: '/' });
    await until(() => pending.length === 2);
    expect(pending.map((call) => call.request.url)).toEqual(['https://one.test/', 'https://two.test/']);
    pending[1].answer('second');
    pending[0].answer('first');
    const result = await sending;
    expect(Object.keys(result.variables).sort()).toEqual(['one', 'two']);
  });

  it('with for="any", goes on once the first statement completes', async () => {
    const { http, pending } = heldHttp();
    const host = new PolicyTestHost({
      services: { http },
      policies: { api: inbound(`<wait for="any">${sendTo('fast')}${sendTo('slow')}</wait>`) },
    });
    const sending = host.send({ path: '/' });
    await until(() => pending.length === 2);
    pending[0].answer('fast');
    const result = await sending;
    expect(result.status).toBe(200);
    expect(result.variables).toHaveProperty('fast');
    expect(result.variables).not.toHaveProperty('slow');
    pending[1].answer('too late');
  });

  it('runs cache-lookup-value and choose children side by side', async () => {
    const { http, pending } = heldHttp();
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(`
          <cache-store-value key="greeting" value="hello" duration="60" />
          <wait for="all">
            <cache-lookup-value key="greeting" variable-name="cached" />
            <choose><when condition="@(true)">${sendTo('fresh')}</when></choose>
          </wait>`),
      },
    });
    const sending = host.send({ path: '/' });
    await until(() => pending.length === 1);
    pending[0].answer('fresh answer');
    const result = await sending;
    expect(result.variables['cached']).toBe('hello');
    expect(result.variables).toHaveProperty('fresh');
  });

  it('holds only send-request, cache-lookup-value and choose', () => {
    const { http } = heldHttp();
    expect(
      () =>
        new PolicyTestHost({
          services: { http },
          policies: { api: inbound(`<wait><set-variable name="x" value="1" /></wait>`) },
        }),
    ).toThrow(/holds only <send-request>, <cache-lookup-value>, <choose>/);
  });
});

describe('limit-concurrency', () => {
  it('answers 429 to a request over max-count while others are inside, and admits again once they leave', async () => {
    const held: Array<() => void> = [];
    const host = new PolicyTestHost({
      policies: {
        api: `<policies><inbound /><backend>
            <limit-concurrency key="@(context.Request.Headers.GetValueOrDefault(&quot;X-Tenant&quot;, &quot;&quot;))" max-count="1">
              <forward-request />
            </limit-concurrency>
          </backend><outbound /><on-error /></policies>`,
      },
      backend: () => new Promise<TestBackendAnswer>((resolve) => held.push(() => resolve({ status: 200, body: 'ok' }))),
    });
    const first = host.send({ path: '/', headers: { 'X-Tenant': 'a' } });
    await until(() => held.length === 1);
    const refused = await host.send({ path: '/', headers: { 'X-Tenant': 'a' } });
    expect(refused.status).toBe(429);
    expect(refused.lastError).toMatchObject({ source: 'limit-concurrency', reason: 'ConcurrencyLimitExceeded' });
    const otherTenant = host.send({ path: '/', headers: { 'X-Tenant': 'b' } });
    await until(() => held.length === 2);
    held[0]();
    held[1]();
    expect((await first).status).toBe(200);
    expect((await otherTenant).status).toBe(200);
    const again = host.send({ path: '/', headers: { 'X-Tenant': 'a' } });
    await until(() => held.length === 3);
    held[2]();
    expect((await again).status).toBe(200);
  });

  it('refuses an expression in max-count', () => {
    expect(
      () =>
        new PolicyTestHost({
          policies: {
            api: inbound(
              `<limit-concurrency key="k" max-count="@(2)"><set-variable name="x" value="1" /></limit-concurrency>`,
            ),
          },
        }),
    ).toThrow(/expressions aren't allowed/);
  });
});
