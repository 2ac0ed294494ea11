import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

describe('rewrite-uri', () => {
  const harness = new PolicyHarness({ expressions: { '@("/by-expression")': () => '/by-expression' } });
  /** The doc's setting: request /get?a=b&c=d on an operation with template /get?a={b}. */
  const docRequest = () =>
    harness.context({
      originalUrl: new URL('http://localhost:8080/echo/get?a=b&c=d'),
      operation: { id: 'get', name: 'Get', method: 'GET', urlTemplate: '/get?a={b}' },
      matchedParameters: { b: 'b' },
      backendPath: '/get',
    });

  it('copies unmatched query parameters by default (doc: /put?c=d)', async () => {
    const ctx = docRequest();
    await harness.run(harness.compile('<rewrite-uri template="/put" />'), ctx);
    expect(ctx.backendUrl().toString()).toBe('http://backend.test/api/put?c=d');
  });

  it('drops them with copy-unmatched-params="false" (doc: /put)', async () => {
    const ctx = docRequest();
    await harness.run(harness.compile('<rewrite-uri template="/put" copy-unmatched-params="false" />'), ctx);
    expect(ctx.backendUrl().toString()).toBe('http://backend.test/api/put');
  });

  it('fills {parameters} from the matched URL parameters and the query (doc example 1)', async () => {
    const ctx = harness.context({
      originalUrl: new URL('http://localhost:8080/echo/store%201/42?City=x'),
      operation: { id: 'order', name: 'Order', method: 'GET', urlTemplate: '/{storenumber}/{ordernumber}' },
      matchedParameters: { storenumber: 'store 1', ordernumber: '42' },
      backendPath: '/store%201/42',
    });
    await harness.run(
      harness.compile('<rewrite-uri template="/v2/US/hardware/{storenumber}/{ordernumber}?City=city&State=state" />'),
      ctx,
    );
    expect(ctx.backendUrl().toString()).toBe(
      'http://backend.test/api/v2/US/hardware/store%201/42?City=city&State=state',
    );
  });

  it('takes a query parameter for {name} and does not copy it again', async () => {
    const ctx = harness.context({
      originalUrl: new URL('http://localhost:8080/echo/items?id=7&x=a%26b&keep=1'),
      operation: { id: 'items', name: 'Items', method: 'GET', urlTemplate: '/items' },
      backendPath: '/items',
    });
    await harness.run(harness.compile('<rewrite-uri template="items/{id}?x={x}" />'), ctx);
    expect(ctx.backend.path).toBe('/items/7');
    expect(ctx.backend.query.toString()).toBe('x=a%26b&keep=1');
  });

  it('accepts an expression template and refuses an empty or missing one', async () => {
    const ctx = harness.context();
    await harness.run(harness.compile('<rewrite-uri template="@(&quot;/by-expression&quot;)" />'), ctx);
    expect(ctx.backend.path).toBe('/by-expression');
    expect(harness.loadError('<rewrite-uri template="" />').message).toBe(
      `${TEST_FILE}:1 <rewrite-uri> attribute "template": empty; write the backend path, e.g. template="/resource".`,
    );
    expect(harness.loadError('<rewrite-uri />').code).toBe('POLICY_MISSING_ATTRIBUTE');
    expect(harness.loadError('<rewrite-uri template="/x" copy-unmatched-params="yes" />').message).toBe(
      `${TEST_FILE}:1 <rewrite-uri> attribute "copy-unmatched-params": "yes" is not true or false.`,
    );
  });
});
