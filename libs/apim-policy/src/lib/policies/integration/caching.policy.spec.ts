import { PolicyTestHost } from '../../testing/policy-test-host';
import type { ForwardedRequest, TestBackendAnswer } from '../../testing/test-exchange';
import { MemoryPolicyCache } from './memory-policy-cache';
import type { PolicyCache } from '../services/policy-cache';

const policies = (inbound: string, outbound = '') =>
  `<policies><inbound>${inbound}</inbound><backend /><outbound>${outbound}</outbound><on-error /></policies>`;

/** A backend that counts its calls and says which one answered. */
function countingBackend(
  answer: (request: ForwardedRequest, call: number) => TestBackendAnswer = (_r, call) => ({ body: `call ${call}` }),
) {
  const calls: ForwardedRequest[] = [];
  return {
    calls,
    backend: (request: ForwardedRequest) => {
      calls.push(request);
      return answer(request, calls.length);
    },
  };
}

describe('cache-lookup-value / cache-store-value / cache-remove-value', () => {
  const xml = policies(`
    <cache-lookup-value key="@(&quot;profile-&quot; + context.Request.Headers.GetValueOrDefault(&quot;X-User&quot;, &quot;&quot;))" variable-name="profile" />
    <choose>
      <when condition="@(!context.Variables.ContainsKey(&quot;profile&quot;))">
        <set-variable name="profile" value="@(&quot;built for &quot; + context.Request.Headers.GetValueOrDefault(&quot;X-User&quot;, &quot;&quot;))" />
        <cache-store-value key="@(&quot;profile-&quot; + context.Request.Headers.GetValueOrDefault(&quot;X-User&quot;, &quot;&quot;))" value="@((string)context.Variables[&quot;profile&quot;])" duration="60" />
        <set-header name="X-Source" exists-action="override"><value>built</value></set-header>
      </when>
      <otherwise><set-header name="X-Source" exists-action="override"><value>cache</value></set-header></otherwise>
    </choose>
    <choose>
      <when condition="@(context.Request.Method == &quot;DELETE&quot;)">
        <cache-remove-value key="@(&quot;profile-&quot; + context.Request.Headers.GetValueOrDefault(&quot;X-User&quot;, &quot;&quot;))" />
      </when>
    </choose>`);

  it('leaves the variable unset on a miss, finds the stored value next time, and forgets it after remove', async () => {
    const host = new PolicyTestHost({ policies: { api: xml } });
    const first = await host.send({ path: '/', headers: { 'X-User': 'ada' } });
    expect(first.forwarded?.headers['x-source']).toBe('built');
    const second = await host.send({ path: '/', headers: { 'X-User': 'ada' } });
    expect(second.forwarded?.headers['x-source']).toBe('cache');
    expect(second.variables['profile']).toBe('built for ada');
    const other = await host.send({ path: '/', headers: { 'X-User': 'bob' } });
    expect(other.forwarded?.headers['x-source']).toBe('built');
    await host.send({ method: 'DELETE', path: '/', headers: { 'X-User': 'ada' } });
    const after = await host.send({ path: '/', headers: { 'X-User': 'ada' } });
    expect(after.forwarded?.headers['x-source']).toBe('built');
  });

  it('assigns default-value on a miss', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: policies(`<cache-lookup-value key="nothing-here" default-value="fallback" variable-name="v" />`),
      },
    });
    expect((await host.send({ path: '/' })).variables['v']).toBe('fallback');
  });

  it('keeps numbers and booleans as values, other values as their text', async () => {
    const host = new PolicyTestHost({
      policies: {
        api: policies(`
          <cache-store-value key="n" value="@(40 + 2)" duration="60" />
          <cache-store-value key="b" value="@(1 &gt; 0)" duration="60" />
          <cache-store-value key="j" value="@(new JObject(new JProperty(&quot;a&quot;, 1)))" duration="60" />
          <cache-lookup-value key="n" variable-name="n" />
          <cache-lookup-value key="b" variable-name="b" />
          <cache-lookup-value key="j" variable-name="j" />`),
      },
    });
    const { variables } = await host.send({ path: '/' });
    expect(variables['n']).toBe(42);
    expect(variables['b']).toBe(true);
    expect(JSON.parse(String(variables['j']))).toEqual({ a: 1 });
  });

  it('treats a failing cache as a miss and carries on', async () => {
    const broken: PolicyCache = {
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
      delete: () => Promise.reject(new Error('down')),
    };
    const host = new PolicyTestHost({
      services: { cache: broken },
      policies: {
        api: policies(`
          <cache-store-value key="k" value="v" duration="10" />
          <cache-lookup-value key="k" variable-name="found" default-value="missed" />
          <cache-remove-value key="k" />`),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(200);
    expect(result.variables['found']).toBe('missed');
  });

  it('refuses caching-type="external" without an external cache, and uses the in-memory one for "internal"', async () => {
    expect(
      () =>
        new PolicyTestHost({ policies: { api: policies(`<cache-remove-value key="k" caching-type="external" />`) } }),
    ).toThrow(/GATEWAY_CACHE_REDIS_URL/);
    const internal = new MemoryPolicyCache();
    const shared = new MemoryPolicyCache();
    const redisLike: PolicyCache = {
      external: true,
      internal,
      get: (key) => shared.get(key),
      set: (key, value, ttl) => shared.set(key, value, ttl),
      delete: (key) => shared.delete(key),
    };
    const host = new PolicyTestHost({
      services: { cache: redisLike },
      policies: {
        api: policies(`
          <cache-store-value key="a" value="memory" duration="10" caching-type="internal" />
          <cache-store-value key="b" value="redis" duration="10" caching-type="external" />
          <cache-store-value key="c" value="preferred" duration="10" />`),
      },
    });
    await host.send({ path: '/' });
    expect(internal.size).toBe(1);
    expect(shared.size).toBe(2);
  });

  it('refuses a missing key or variable-name', () => {
    expect(
      () => new PolicyTestHost({ policies: { api: policies(`<cache-lookup-value variable-name="v" />`) } }),
    ).toThrow(/key/);
    expect(() => new PolicyTestHost({ policies: { api: policies(`<cache-lookup-value key="k" />`) } })).toThrow(
      /variable-name/,
    );
  });
});

describe('cache-lookup / cache-store', () => {
  const lookup = (attributes = '', children = '') =>
    `<cache-lookup vary-by-developer="false" vary-by-developer-groups="false" ${attributes}>${children}</cache-lookup>`;

  it('answers a repeated GET from the cache without calling the backend', async () => {
    const { calls, backend } = countingBackend((_r, call) => ({
      body: `call ${call}`,
      headers: { 'X-Made': String(call) },
    }));
    const host = new PolicyTestHost({
      backend,
      policies: { api: policies(lookup(), '<cache-store duration="60" />') },
    });
    const first = await host.send({ path: '/items/1' });
    const second = await host.send({ path: '/items/1' });
    expect(calls).toHaveLength(1);
    expect(first).toMatchObject({ status: 200, text: 'call 1' });
    expect(second).toMatchObject({ status: 200, text: 'call 1', forwarded: undefined });
    expect(second.headers['x-made']).toBe('1');
    await host.send({ path: '/items/2' });
    expect(calls).toHaveLength(2);
  });

  it('on a hit skips the rest of inbound and outbound up to cache-store, then runs what follows it', async () => {
    const { calls, backend } = countingBackend();
    const host = new PolicyTestHost({
      backend,
      policies: {
        api: policies(
          `${lookup()}<set-header name="X-Inbound-After" exists-action="override"><value>yes</value></set-header>`,
          `<set-header name="X-Before-Store" exists-action="override"><value>@(context.RequestId.ToString())</value></set-header>
           <cache-store duration="60" />
           <set-header name="X-After-Store" exists-action="override"><value>@(context.RequestId.ToString())</value></set-header>`,
        ),
      },
    });
    const first = await host.send({ path: '/items/1' });
    const hit = await host.send({ path: '/items/1' });
    expect(calls).toHaveLength(1);
    expect(hit.text).toBe('call 1');
    // Stored with the answer: the first request's value comes back as it was.
    expect(hit.headers['x-before-store']).toBe(first.headers['x-before-store']);
    // Run again on the hit: this request's own id.
    expect(hit.headers['x-after-store']).not.toBe(first.headers['x-after-store']);
    expect(hit.headers['x-after-store']).toBe(hit.context?.requestId);
    expect(hit.trace.map((step) => step.policy)).toEqual(['cache-lookup', 'set-header']);
  });

  it('keys on the listed query parameters and headers only', async () => {
    const { calls, backend } = countingBackend();
    const host = new PolicyTestHost({
      backend,
      policies: {
        api: policies(
          lookup(
            '',
            '<vary-by-query-parameter>version;lang</vary-by-query-parameter><vary-by-header>Accept</vary-by-header>',
          ),
          '<cache-store duration="60" />',
        ),
      },
    });
    await host.send({ path: '/p?version=1&noise=a', headers: { Accept: 'text/plain' } });
    expect((await host.send({ path: '/p?version=1&noise=b', headers: { Accept: 'text/plain' } })).text).toBe('call 1');
    expect((await host.send({ path: '/p?version=2', headers: { Accept: 'text/plain' } })).text).toBe('call 2');
    expect((await host.send({ path: '/p?version=1', headers: { Accept: 'application/json' } })).text).toBe('call 3');
    expect(calls).toHaveLength(3);
  });

  it('keys on the whole query string when no vary-by-query-parameter is given', async () => {
    const { calls, backend } = countingBackend();
    const host = new PolicyTestHost({
      backend,
      policies: { api: policies(lookup(), '<cache-store duration="60" />') },
    });
    await host.send({ path: '/q?a=1&b=2' });
    await host.send({ path: '/q?b=2&a=1' });
    await host.send({ path: '/q?a=2' });
    expect(calls).toHaveLength(2);
  });

  it('caches only GET, only 200 unless cache-response="true", and never with Authorization unless allowed', async () => {
    const { calls, backend } = countingBackend((request, call) => ({
      status: request.url.includes('missing') ? 404 : 200,
      body: `call ${call}`,
    }));
    const host = new PolicyTestHost({
      backend,
      policies: { api: policies(lookup(), '<cache-store duration="60" />') },
    });
    await host.send({ method: 'POST', path: '/a' });
    await host.send({ method: 'POST', path: '/a' });
    await host.send({ path: '/missing' });
    await host.send({ path: '/missing' });
    await host.send({ path: '/private', headers: { Authorization: 'Bearer x' } });
    await host.send({ path: '/private', headers: { Authorization: 'Bearer x' } });
    expect(calls).toHaveLength(6);

    const { calls: allCalls, backend: notFound } = countingBackend(() => ({ status: 404, body: 'gone' }));
    const caching = new PolicyTestHost({
      backend: notFound,
      policies: {
        api: policies(
          lookup('allow-private-response-caching="true"'),
          '<cache-store duration="60" cache-response="true" />',
        ),
      },
    });
    await caching.send({ path: '/x', headers: { Authorization: 'Bearer x' } });
    const hit = await caching.send({ path: '/x', headers: { Authorization: 'Bearer x' } });
    expect(hit).toMatchObject({ status: 404, text: 'gone' });
    expect(allCalls).toHaveLength(1);
  });

  it('varies by Authorization with one entry per token, and never writes the token into a cache key', async () => {
    const { calls, backend } = countingBackend();
    const keys: string[] = [];
    const memory = new MemoryPolicyCache();
    const cache = {
      get: (key: string) => memory.get(key),
      set: (key: string, value: unknown, ttl: number) => (keys.push(key), memory.set(key, value, ttl)),
      delete: (key: string) => memory.delete(key),
    };
    const host = new PolicyTestHost({
      backend,
      services: { cache },
      policies: {
        api: policies(
          lookup('allow-private-response-caching="true"', '<vary-by-header>Authorization</vary-by-header>'),
          '<cache-store duration="60" />',
        ),
      },
    });
    const as = (token: string) => host.send({ path: '/x', headers: { Authorization: `Bearer ${token}` } });
    expect((await as('token-one')).text).toBe('call 1');
    expect((await as('token-two')).text).toBe('call 2');
    expect((await as('token-one')).text).toBe('call 1');
    expect(calls).toHaveLength(2);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).not.toMatch(/token-/);
  });

  it('keeps one entry per subscription with vary-by-developer="true"', async () => {
    const { calls, backend } = countingBackend();
    const host = new PolicyTestHost({
      backend,
      api: { subscriptionRequired: true },
      subscriptions: [
        { id: 's1', scope: 'all', state: 'active', primaryKey: 'key-1', secondaryKey: 'key-1b' },
        { id: 's2', scope: 'all', state: 'active', primaryKey: 'key-2', secondaryKey: 'key-2b' },
      ],
      policies: {
        api: policies(
          '<cache-lookup vary-by-developer="true" vary-by-developer-groups="false" />',
          '<cache-store duration="60" />',
        ),
      },
    });
    const as = (key: string) => host.send({ path: '/me', headers: { 'Ocp-Apim-Subscription-Key': key } });
    expect((await as('key-1')).text).toBe('call 1');
    expect((await as('key-2')).text).toBe('call 2');
    expect((await as('key-1')).text).toBe('call 1');
    expect(calls).toHaveLength(2);
  });

  it('tells downstream caches how long they may keep the answer', async () => {
    const { backend } = countingBackend();
    const host = new PolicyTestHost({
      backend,
      policies: {
        api: policies(
          lookup('downstream-caching-type="private" must-revalidate="false"'),
          '<cache-store duration="30" />',
        ),
      },
    });
    expect((await host.send({ path: '/d' })).headers['cache-control']).toBe('private, max-age=30');
    expect((await host.send({ path: '/d' })).headers['cache-control']).toMatch(/^private, max-age=(29|30)$/);
  });

  it('stores nothing without a cache-lookup, and cache-store belongs in outbound', async () => {
    const { calls, backend } = countingBackend();
    const host = new PolicyTestHost({ backend, policies: { api: policies('', '<cache-store duration="60" />') } });
    await host.send({ path: '/' });
    await host.send({ path: '/' });
    expect(calls).toHaveLength(2);
    expect(() => new PolicyTestHost({ policies: { api: policies('<cache-store duration="60" />') } })).toThrow(
      /not allowed in <inbound>/,
    );
    expect(
      () => new PolicyTestHost({ policies: { api: policies('<cache-lookup vary-by-developer="false" />') } }),
    ).toThrow(/vary-by-developer-groups/);
  });
});
