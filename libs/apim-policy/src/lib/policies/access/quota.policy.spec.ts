import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost, type PolicyTestHostOptions } from '../../testing/policy-test-host';
import { MemoryQuotaStore } from './memory-quota-store';

const inbound = (statements: string) => `<policies><inbound>${statements}</inbound></policies>`;
const KEY = { 'Ocp-Apim-Subscription-Key': 'gold-key' };
/** 2024-03-01T10:00:00Z: an hour boundary, so hourly periods end on the hour. */
const START = Date.UTC(2024, 2, 1, 10, 0, 0);

function goldHost(quota: string, extra: Partial<PolicyTestHostOptions> = {}) {
  const clock = { now: START };
  const host = new PolicyTestHost({
    now: () => clock.now,
    api: {
      id: 'orders',
      name: 'Orders',
      subscriptionRequired: true,
      operations: [
        { id: 'list', name: 'List orders', method: 'GET', urlTemplate: '/orders' },
        { id: 'create', method: 'POST', urlTemplate: '/orders' },
      ],
    },
    products: [{ id: 'gold', apis: ['orders'], subscriptionRequired: true }],
    subscriptions: [
      { id: 'sub-1', scope: 'product:gold', state: 'active', primaryKey: 'gold-key', secondaryKey: 'gold-key-2' },
    ],
    policies: { products: { gold: inbound(quota) } },
    ...extra,
  });
  return { host, clock };
}

describe('quota', () => {
  it('allows `calls` per renewal period per subscription, then 403 with Retry-After and the replenish time', async () => {
    const { host, clock } = goldHost('<quota calls="2" renewal-period="3600" />');
    expect((await host.send({ path: '/orders', headers: KEY })).status).toBe(200);
    clock.now += 60_000;
    expect((await host.send({ path: '/orders', headers: KEY })).status).toBe(200);
    clock.now += 15 * 60_000 + 30_000;
    const refused = await host.send({ path: '/orders', headers: KEY });
    expect(refused.status).toBe(403);
    expect(refused.json()).toEqual({
      statusCode: 403,
      message: 'Out of call volume quota. Quota will be replenished in 00:43:30.',
    });
    expect(refused.headers['retry-after']).toBe('2610');
    expect(refused.lastError).toMatchObject({ source: 'quota', reason: 'QuotaExceeded' });
    expect(refused.forwarded).toBeUndefined();
    clock.now = START + 3600_000;
    expect((await host.send({ path: '/orders', headers: KEY })).status).toBe(200);
  });

  it('counts bandwidth (request and response bodies, in kilobytes) once the response is known', async () => {
    const { host } = goldHost('<quota bandwidth="2" renewal-period="86400" />', {
      backend: () => ({ body: 'x'.repeat(1536) }),
    });
    expect((await host.send({ method: 'POST', path: '/orders', headers: KEY, body: 'y'.repeat(512) })).status).toBe(
      200,
    );
    const refused = await host.send({ path: '/orders', headers: KEY });
    expect(refused.status).toBe(403);
    expect(refused.json<{ message: string }>().message).toBe(
      'Out of bandwidth quota. Quota will be replenished in 14:00:00.',
    );
  });

  it('applies <api> and <operation> limits as separate counters (id or name)', async () => {
    const { host } = goldHost(`<quota calls="100" renewal-period="3600">
        <api name="Orders" calls="3"><operation id="create" calls="1" /></api>
      </quota>`);
    expect((await host.send({ method: 'POST', path: '/orders', headers: KEY })).status).toBe(200);
    expect((await host.send({ method: 'POST', path: '/orders', headers: KEY })).status).toBe(403);
    expect((await host.send({ path: '/orders', headers: KEY })).status).toBe(200);
    // The refused POST was not counted against the API: two counted so far, one left.
    expect((await host.send({ path: '/orders', headers: KEY })).status).toBe(200);
    expect((await host.send({ path: '/orders', headers: KEY })).status).toBe(403);
  });

  it('renewal-period="0" is a lifetime quota: no Retry-After, no replenish time', async () => {
    const { host, clock } = goldHost('<quota calls="1" renewal-period="0" />');
    await host.send({ path: '/orders', headers: KEY });
    clock.now += 365 * 86_400_000;
    const refused = await host.send({ path: '/orders', headers: KEY });
    expect(refused.json()).toEqual({ statusCode: 403, message: 'Out of call volume quota.' });
    expect(refused.headers['retry-after']).toBeUndefined();
  });

  it.each([
    ['<quota renewal-period="60" />', 'needs calls="…"'],
    ['<quota calls="10" />', 'attribute "renewal-period": required'],
    ['<quota calls="@(10)" renewal-period="60" />', "policy expressions aren't allowed here"],
    ['<quota calls="1" renewal-period="60"><api calls="1" /></quota>', '<api> needs id="…" or name="…"'],
    ['<quota calls="1" renewal-period="60"><operation id="x" calls="1" /></quota>', 'holds only <api>'],
  ])('refuses %s at load', (statement, message) => {
    expect(() => goldHost(statement)).toThrow(message);
  });

  it('belongs in a product policy, and needs a quota store', () => {
    const apiScope = () =>
      new PolicyTestHost({ policies: { api: inbound('<quota calls="1" renewal-period="60" />') } });
    expect(apiScope).toThrow(GatewayConfigError);
    expect(apiScope).toThrow('only in a product');
    const noStore = () =>
      goldHost('<quota calls="1" renewal-period="60" />', {
        services: { quotas: undefined },
      });
    expect(noStore).toThrow('pass services.quotas');
  });
});

describe('quota-by-key', () => {
  const byIp = (attributes: string) =>
    new PolicyTestHost({
      now: () => START,
      policies: {
        api: inbound(`<quota-by-key counter-key="@(context.Request.IpAddress)" renewal-period="3600" ${attributes} />`),
      },
    });

  it('counts per key value, refusing with 403 QuotaExceeded and Retry-After', async () => {
    const host = byIp('calls="2"');
    for (let i = 0; i < 2; i++) expect((await host.send({ path: '/', ipAddress: '10.0.0.1' })).status).toBe(200);
    const refused = await host.send({ path: '/', ipAddress: '10.0.0.1' });
    expect(refused.status).toBe(403);
    expect(refused.headers['retry-after']).toBe('3600');
    expect(refused.lastError).toMatchObject({ source: 'quota-by-key', reason: 'QuotaExceeded' });
    expect((await host.send({ path: '/', ipAddress: '10.0.0.2' })).status).toBe(200);
  });

  it('increment-count adds that many calls per request', async () => {
    const host = byIp('calls="5" increment-count="@(3)"');
    expect((await host.send({ path: '/', ipAddress: '10.0.0.1' })).status).toBe(200);
    expect((await host.send({ path: '/', ipAddress: '10.0.0.1' })).status).toBe(403);
  });

  it('increment-condition counts only the requests whose final response satisfies it', async () => {
    let status = 500;
    const host = new PolicyTestHost({
      now: () => START,
      backend: () => ({ status }),
      policies: {
        api: inbound(`<quota-by-key calls="1" renewal-period="300" counter-key="shared"
          increment-condition="@(context.Response.StatusCode &lt; 400)" />`),
      },
    });
    expect((await host.send({ path: '/' })).status).toBe(500);
    expect((await host.send({ path: '/' })).status).toBe(500);
    status = 200;
    expect((await host.send({ path: '/' })).status).toBe(200);
    expect((await host.send({ path: '/' })).status).toBe(403);
  });

  it('counts a key once per request even when several statements name it', async () => {
    const statement = '<quota-by-key calls="2" renewal-period="300" counter-key="k" />';
    const host = new PolicyTestHost({
      now: () => START,
      policies: { global: inbound(`${statement}<base />`), api: inbound(`<base />${statement}`) },
    });
    expect((await host.send({ path: '/' })).status).toBe(200);
    expect((await host.send({ path: '/' })).status).toBe(200);
    expect((await host.send({ path: '/' })).status).toBe(403);
  });

  it('first-period-start anchors the periods', async () => {
    const anchored = new PolicyTestHost({
      now: () => START,
      policies: {
        api: inbound(
          '<quota-by-key calls="1" renewal-period="3600" counter-key="k" first-period-start="2024-03-01T09:50:00Z" />',
        ),
      },
    });
    await anchored.send({ path: '/' });
    expect((await anchored.send({ path: '/' })).headers['retry-after']).toBe(String(50 * 60));
  });

  it('shares counters through the store it is given', async () => {
    const quotas = new MemoryQuotaStore(() => START);
    const policies = { api: inbound('<quota-by-key calls="1" renewal-period="300" counter-key="k" />') };
    await new PolicyTestHost({ policies, services: { quotas } }).send({ path: '/' });
    expect((await new PolicyTestHost({ policies, services: { quotas } }).send({ path: '/' })).status).toBe(403);
  });

  it.each([
    ['calls="1" renewal-period="60" counter-key="k"', "APIM's minimum is 300"],
    ['calls="1" renewal-period="300"', 'attribute "counter-key": required'],
    ['calls="1" renewal-period="300" counter-key="k" first-period-start="2024-01-01"', 'yyyy-MM-ddTHH:mm:ssZ'],
    ['calls="1" renewal-period="300" counter-key="k" increment-count="-1"', 'is not a whole number'],
  ])('refuses %s at load', (attributes, message) => {
    expect(() => new PolicyTestHost({ policies: { api: inbound(`<quota-by-key ${attributes} />`) } })).toThrow(message);
  });
});
