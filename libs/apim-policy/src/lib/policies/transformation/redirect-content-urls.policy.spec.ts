import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';

describe('redirect-content-urls', () => {
  it('in outbound points backend links in the response body at the gateway, leaving headers alone', async () => {
    const host = new PolicyTestHost({
      api: { id: 'orders', path: 'shop/orders', serviceUrl: 'https://orders.internal.test/v2/' },
      policies: { api: '<policies><inbound /><outbound><redirect-content-urls /></outbound></policies>' },
      backend: () => ({
        headers: { Location: 'https://orders.internal.test/v2/orders/7' },
        body: {
          self: 'https://orders.internal.test/v2/orders/7',
          items: 'https://orders.internal.test/v2/orders/7/items',
        },
      }),
    });
    const result = await host.send({ path: 'https://api.example.test/shop/orders/orders/7' });
    expect(result.json()).toEqual({
      self: 'https://api.example.test/shop/orders/orders/7',
      items: 'https://api.example.test/shop/orders/orders/7/items',
    });
    expect(result.headers['location']).toBe('https://orders.internal.test/v2/orders/7');
  });

  it('in inbound points gateway links in the request body at the backend', async () => {
    const host = new PolicyTestHost({
      api: { id: 'orders', path: 'orders', serviceUrl: 'https://orders.internal.test' },
      policies: { api: '<policies><inbound><redirect-content-urls /></inbound></policies>' },
    });
    const result = await host.send({
      method: 'POST',
      path: 'https://api.example.test/orders/hooks',
      body: { callback: 'https://api.example.test/orders/hooks/done' },
    });
    expect(JSON.parse(result.forwarded?.body ?? '')).toEqual({ callback: 'https://orders.internal.test/hooks/done' });
  });

  it('is allowed in inbound and outbound only and takes no attributes', () => {
    const load = (xml: string) => () => new PolicyTestHost({ policies: { api: xml } });
    expect(load('<policies><inbound /><on-error><redirect-content-urls /></on-error></policies>')).toThrow(
      GatewayConfigError,
    );
    expect(load('<policies><inbound><redirect-content-urls mode="all" /></inbound></policies>')).toThrow(
      'unknown attribute',
    );
  });
});
