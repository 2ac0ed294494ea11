import { PolicyTestHost } from '../testing/policy-test-host';

const CORS = `<policies><inbound>
  <cors>
    <allowed-origins><origin>https://app.test</origin></allowed-origins>
    <allowed-methods><method>GET</method><method>POST</method></allowed-methods>
    <allowed-headers><header>Authorization</header></allowed-headers>
  </cors>
  <base />
</inbound></policies>`;

const preflight = (path: string, method = 'GET') => ({
  method: 'OPTIONS',
  path,
  headers: { Origin: 'https://app.test', 'Access-Control-Request-Method': method },
});

/** A CORS preflight reaches the API's cors policy though no operation declares OPTIONS, as in APIM. */
describe('CORS preflight routing', () => {
  const operations = [
    { id: 'list', method: 'GET', urlTemplate: '/items' },
    { id: 'create', method: 'POST', urlTemplate: '/items' },
  ];
  const backend = jest.fn(() => ({ status: 200 }));
  const withCors = new PolicyTestHost({
    policies: { api: CORS },
    api: { path: 'shop', operations, subscriptionRequired: true },
    backend,
  });

  it('answers a preflight from the cors policy, without a subscription key or the backend', async () => {
    const result = await withCors.send(preflight('/shop/items', 'POST'));

    expect(result.status).toBe(200);
    expect(result.headers['access-control-allow-origin']).toBe('https://app.test');
    expect(result.forwarded).toBeUndefined();
    expect(result.trace.map((step) => step.policy)).toEqual(['cors']);
  });

  it('still asks for the key on the actual request', async () => {
    const result = await withCors.send({
      method: 'POST',
      path: '/shop/items',
      headers: { Origin: 'https://app.test' },
    });

    expect(result.status).toBe(401);
    expect(backend).not.toHaveBeenCalled();
  });

  it('answers 404 to a preflight for a path no operation has, and to OPTIONS that is no preflight', async () => {
    expect((await withCors.send(preflight('/shop/nothing'))).status).toBe(404);
    expect((await withCors.send({ method: 'OPTIONS', path: '/shop/items' })).status).toBe(404);
  });

  it('answers 404 when the API has no cors policy', async () => {
    const withoutCors = new PolicyTestHost({ api: { path: 'shop', operations } });

    expect((await withoutCors.send(preflight('/shop/items'))).status).toBe(404);
  });
});
