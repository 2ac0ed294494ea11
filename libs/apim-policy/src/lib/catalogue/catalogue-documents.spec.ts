import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { PolicyTestHost, type PolicyTestHostOptions } from '../testing/policy-test-host';
import { CATALOGUE_NAMED_VALUES } from './document-compiler';

// The catalogue's documents run end to end through PolicyTestHost: each scenario says what APIM
// would answer or forward. A document this engine does not load yet gets a todo instead.

const FRIDAY = Date.UTC(2024, 2, 15, 10, 30, 0);
const SUNDAY_NIGHT = Date.UTC(2024, 2, 17, 23, 0, 0);
/** Real time: DateTime.UtcNow and DateTimeOffset.UtcNow read it (not the host's `now`). */
const realNow = () => Date.now();

function read(file: string): string {
  return readFileSync(join(__dirname, 'documents', file), 'utf8');
}

function hostFor(file: string, options: Omit<PolicyTestHostOptions, 'policies' | 'namedValues'> = {}) {
  try {
    return new PolicyTestHost({
      now: () => FRIDAY,
      ...options,
      policies: { api: read(file) },
      namedValues: CATALOGUE_NAMED_VALUES,
      api: { id: 'orders-api', name: 'Orders API', ...options.api },
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Scenarios for one document, or a todo naming why it does not load. */
function scenarios(
  file: string,
  options: Omit<PolicyTestHostOptions, 'policies' | 'namedValues'>,
  define: (host: PolicyTestHost) => void,
): void {
  const host = hostFor(file, options);
  describe(file, () => {
    if (typeof host === 'string') it('loads', () => expect(host).toBe('no load error'));
    else define(host);
  });
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

scenarios('plain-headers-only.xml', {}, (host) => {
  it('refuses a DELETE without a tenant', async () => {
    expect((await host.send({ method: 'DELETE', path: '/orders/1' })).status).toBe(403);
  });
  it('forwards the tenant lower-cased and the API/operation', async () => {
    const result = await host.send({ path: '/orders', headers: { 'X-Tenant': 'Contoso' } });
    expect(result.forwarded?.headers['x-tenant']).toBe('contoso');
    expect(result.forwarded?.headers['x-api']).toBe('Orders API/get');
  });
});

scenarios('basic-to-bearer.xml', {}, (host) => {
  it('answers 401 with a JSON error when there are no Basic credentials', async () => {
    const result = await host.send({ path: '/orders' });
    expect(result.status).toBe(401);
    expect(result.headers['www-authenticate']).toBe('Basic realm="orders"');
    expect(result.json<{ error: string }>().error).toBe('credentials required');
    expect(result.forwarded).toBeUndefined();
  });
  it("swaps the caller's credentials for the service's and forwards the user name", async () => {
    const result = await host.send({ path: '/orders', headers: { Authorization: `Basic ${base64('ada:s3cret')}` } });
    expect(result.forwarded?.headers['authorization']).toBe(`Basic ${base64('svc-orders:not-a-real-password')}`);
    expect(result.forwarded?.headers['x-original-user']).toBe('ada');
  });
});

scenarios('ip-allow-list.xml', {}, (host) => {
  it('refuses an address outside the office ranges with the address in the body', async () => {
    const result = await host.send({ path: '/admin', ipAddress: '192.0.2.44' });
    expect(result.status).toBe(403);
    expect(result.json()).toEqual({ error: 'address not allowed', address: '192.0.2.44' });
  });
  it('forwards a call from an office range', async () => {
    expect((await host.send({ path: '/admin', ipAddress: '198.51.100.7' })).forwarded).toBeDefined();
  });
});

scenarios('request-enrichment.xml', {}, (host) => {
  it('adds the tenant, the subscription and the item count to the JSON payload', async () => {
    const result = await host.send({
      method: 'POST',
      path: '/orders',
      headers: { 'X-Tenant': 'contoso' },
      body: { items: [1, 2] },
    });
    const sent = JSON.parse(result.forwarded?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({ items: [1, 2], tenant: 'contoso', subscription: null, itemCount: 2 });
    expect(sent['receivedAt']).toBe('2024-03-15T10:30:00.0000000Z');
  });
});

scenarios('commented-expressions.xml', {}, (host) => {
  it.each([
    ['internal', 'free'],
    ['gold', 'gold'],
  ])('turns X-Tier %s into %s', async (tier, forwarded) => {
    const result = await host.send({ path: '/orders', headers: { 'X-Tier': tier } });
    expect(result.forwarded?.headers['x-tier']).toBe(forwarded);
  });
});

scenarios('status-mapping.xml', { backend: () => ({ body: { result: { error: { code: 'NOT_FOUND' } } } }) }, (host) => {
  it("maps the backend's NOT_FOUND error object to 404, not cached", async () => {
    const result = await host.send({ path: '/orders/9' });
    expect(result.status).toBe(404);
    expect(result.headers['cache-control']).toBe('no-store');
  });
});

scenarios('status-mapping.xml', { backend: () => ({ body: { result: { id: 9 } } }) }, (host) => {
  it('keeps a good answer at 200 and lets it be cached for five minutes', async () => {
    const result = await host.send({ path: '/orders/9' });
    expect(result.status).toBe(200);
    expect(result.headers['cache-control']).toBe('public, max-age=300');
  });
});

scenarios('batch-size-guard.xml', {}, (host) => {
  it.each([
    [[], 'empty batch'],
    [[{ sku: 'A' }, { qty: 1 }], 'item 1 has no sku'],
  ])('refuses %j with 422: %s', async (body, error) => {
    const result = await host.send({ method: 'POST', path: '/batch', body });
    expect(result.status).toBe(422);
    expect(result.json<{ error: string }>().error).toBe(error);
  });
  it('forwards a good batch with its size', async () => {
    const result = await host.send({ method: 'POST', path: '/batch', body: [{ sku: 'A' }] });
    expect(result.forwarded?.headers['x-batch-size']).toBe('1');
  });
});

// DateTime.UtcNow follows the host's clock, so Sunday night can be staged.
scenarios('maintenance-window.xml', { now: () => SUNDAY_NIGHT }, (host) => {
  it('answers 503 with Retry-After until midnight, without the backend', async () => {
    const result = await host.send({ path: '/orders' });
    expect(result.status).toBe(503);
    expect(result.headers['retry-after']).toBe('3600');
    expect(result.json()).toEqual({ message: 'Back at 2024-03-18T00:00Z' });
    expect(result.forwarded).toBeUndefined();
  });
});

scenarios('maintenance-window.xml', {}, (host) => {
  it('forwards on a Friday morning', async () => {
    expect((await host.send({ path: '/orders' })).forwarded).toBeDefined();
  });
});

scenarios('correlation-and-timing.xml', {}, (host) => {
  it("keeps the caller's correlation id", async () => {
    const result = await host.send({ path: '/orders', headers: { 'X-Correlation-Id': 'corr-1' } });
    expect(result.forwarded?.headers['x-correlation-id']).toBe('corr-1');
    expect(result.headers['x-correlation-id']).toBe('corr-1');
    expect(result.headers['x-gateway-time-ms']).toBe('0');
  });
  it('makes up a GUID when there is none and answers with the same one', async () => {
    const result = await host.send({ path: '/orders' });
    expect(result.headers['x-correlation-id']).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    expect(result.forwarded?.headers['x-correlation-id']).toBe(result.headers['x-correlation-id']);
  });
});

scenarios('method-override.xml', {}, (host) => {
  it('forwards a POST with X-HTTP-Method-Override: patch as PATCH', async () => {
    const result = await host.send({
      method: 'POST',
      path: '/orders/1',
      headers: { 'X-HTTP-Method-Override': 'patch' },
    });
    expect(result.forwarded?.method).toBe('PATCH');
  });
});

scenarios('query-to-header.xml', {}, (host) => {
  it("adds the backend key and the caller's first language to the query", async () => {
    const result = await host.send({ path: '/orders', headers: { 'Accept-Language': 'de-DE,de;q=0.9' } });
    const query = new URL(result.forwarded?.url ?? 'http://x').searchParams;
    expect(query.get('api-key')).toBe('catalogue-backend-key');
    expect(query.get('locale')).toBe('de-DE');
  });
});

scenarios('pagination-links.xml', { backend: () => ({ body: 'see http://orders-eu.internal/orders/1' }) }, (host) => {
  it('turns page 3 into offset/limit and answers with next/prev links on the gateway host', async () => {
    const result = await host.send({ path: '/orders?page=3' });
    expect(result.forwarded?.url).toContain('offset=40&limit=20');
    expect(result.headers['link']).toBe(
      '<https://gateway.test/orders?page=4>; rel="next", <https://gateway.test/orders?page=2>; rel="prev"',
    );
    expect(result.text).toBe('see https://gateway.test/orders/1');
  });
});

scenarios('hmac-signed-backend.xml', {}, (host) => {
  it('signs method, path and time with the partner key and adds Content-MD5', async () => {
    const result = await host.send({ method: 'POST', path: '/orders', body: 'hello' });
    const headers = result.forwarded?.headers ?? {};
    const key = Buffer.from(CATALOGUE_NAMED_VALUES['partner-signing-key'], 'base64');
    expect(headers['x-signed-at']).toMatch(/^\d{10}$/);
    expect(headers['x-signature']).toBe(
      createHmac('sha256', key).update(`POST\n/orders\n${headers['x-signed-at']}`).digest('base64'),
    );
    expect(headers['content-md5']).toBe(createHash('md5').update('hello').digest('base64'));
  });
});

scenarios('webhook-signature-check.xml', {}, (host) => {
  const body = '{"event":"order.paid"}';
  const signature = `sha256=${createHmac('sha256', CATALOGUE_NAMED_VALUES['webhook-secret']).update(body).digest('hex')}`;
  const delivered = () => new Date(realNow() - 60_000).toISOString();
  it('forwards a fresh, correctly signed delivery', async () => {
    const result = await host.send({
      method: 'POST',
      path: '/hooks',
      body,
      headers: { 'X-Hub-Signature-256': signature, 'X-Delivery-Time': delivered() },
    });
    expect(result.forwarded?.body).toBe(body);
  });
  it('refuses a bad signature with 401', async () => {
    const result = await host.send({
      method: 'POST',
      path: '/hooks',
      body,
      headers: { 'X-Hub-Signature-256': 'sha256=00', 'X-Delivery-Time': delivered() },
    });
    expect(result.status).toBe(401);
  });
  it('refuses a stale delivery with 408', async () => {
    const result = await host.send({
      method: 'POST',
      path: '/hooks',
      body,
      headers: { 'X-Hub-Signature-256': signature, 'X-Delivery-Time': '2024-03-15T09:00:00Z' },
    });
    expect(result.status).toBe(408);
  });
});

scenarios(
  'jwt-claims-authorisation.xml',
  {
    api: {
      operations: [
        { id: 'list', method: 'GET', urlTemplate: '/tenants/{tenant}/orders' },
        { id: 'create', method: 'POST', urlTemplate: '/tenants/{tenant}/orders' },
      ],
    },
  },
  (host) => {
    const key = Buffer.from(CATALOGUE_NAMED_VALUES['jwt-signing-key'], 'base64');
    const token = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('user-1')
        .setAudience('api://orders')
        .setIssuedAt(FRIDAY / 1000)
        .setExpirationTime(FRIDAY / 1000 + 300)
        .sign(key);
    it('refuses a write without the Orders.Write role', async () => {
      const jwt = await token({ roles: ['Orders.Read'], tid: 'contoso' });
      const result = await host.send({
        method: 'POST',
        path: '/tenants/contoso/orders',
        headers: { Authorization: `Bearer ${jwt}` },
      });
      expect(result.status).toBe(403);
      expect(result.json()).toEqual({ error: 'Orders.Write role required' });
    });
    it("refuses another tenant's path", async () => {
      const jwt = await token({ roles: ['Orders.Read'], tid: 'fabrikam' });
      const result = await host.send({ path: '/tenants/contoso/orders', headers: { Authorization: `Bearer ${jwt}` } });
      expect(result.status).toBe(403);
    });
    it('forwards a read in its own tenant with the user id', async () => {
      const jwt = await token({ roles: ['Orders.Read'], tid: 'contoso' });
      const result = await host.send({ path: '/tenants/contoso/orders', headers: { Authorization: `Bearer ${jwt}` } });
      expect(result.forwarded?.headers['x-user-id']).toBe('user-1');
    });
  },
);

scenarios('debug-echo.xml', {}, (host) => {
  it('answers with what it saw, without the credentials, and never calls the backend', async () => {
    const result = await host.send({
      path: '/diag?x=1',
      headers: { Authorization: 'Bearer secret', 'X-Tenant': 'contoso' },
    });
    const seen = result.json<{ method: string; url: string; api: string; headers: Record<string, string> }>();
    expect(result.forwarded).toBeUndefined();
    expect(seen).toMatchObject({ method: 'GET', url: 'https://gateway.test/diag?x=1', api: 'Orders API' });
    const names = Object.keys(seen.headers).map((name) => name.toLowerCase());
    expect(names).toContain('x-tenant');
    expect(names).not.toContain('authorization');
  });
});

scenarios(
  'response-filtering.xml',
  { backend: () => ({ body: [{ id: 1, costPrice: 3, supplierId: 'S', name: 'A' }] }) },
  (host) => {
    it('strips internal fields for partners and counts the rows', async () => {
      const result = await host.send({ path: '/orders' });
      expect(result.json()).toEqual([{ id: 1, name: 'A' }]);
      expect(result.headers['x-row-count']).toBe('1');
    });
  },
);

scenarios('cors-and-cache.xml', {}, (host) => {
  it('answers the web shop preflight itself, allowing its origin', async () => {
    const result = await host.send({
      method: 'OPTIONS',
      path: '/products',
      headers: { Origin: 'https://shop.contoso.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(result.forwarded).toBeUndefined();
    expect(result.headers['access-control-allow-origin']).toBe('https://shop.contoso.example');
  });
});
