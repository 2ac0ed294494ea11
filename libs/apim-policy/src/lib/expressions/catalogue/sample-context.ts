import { GatewayContext } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';

/** When the sample request arrived: Friday 15 March 2024, 10:30 UTC. */
export const SAMPLE_NOW = Date.UTC(2024, 2, 15, 10, 30, 0);

/** The JSON body of the sample request. */
export const SAMPLE_BODY = JSON.stringify({
  id: 42,
  name: 'Ada',
  tags: ['a', 'b'],
  customer: { tier: 'gold', email: 'ada@example.com' },
  items: [
    { sku: 'X1', qty: 2, price: 5.5 },
    { sku: 'Y2', qty: 1, price: 10 },
  ],
});

/**
 * The request the catalogue's `expected` values are predicted against: a partner's POST to the
 * Orders API, on a clock that does not move (so `context.Elapsed` is zero).
 */
export function sampleContext(): GatewayContext {
  const context = new GatewayContext({
    method: 'POST',
    originalUrl: new URL('http://gateway.local:8080/orders/v2/items/17?region=eu&page=2&tag=x&tag=y&q=red%20shoes'),
    headers: HeaderBag.from({
      Authorization: 'Basic YWRhOnMzY3JldA==',
      'Content-Type': 'application/json',
      'Content-Length': '512',
      Accept: 'application/json; version=3',
      'Accept-Language': 'en-GB,en;q=0.8',
      'User-Agent': 'PostmanRuntime/7.36',
      Referer: 'https://portal.contoso.example/orders',
      'X-Forwarded-For': '203.0.113.9, 10.0.0.1',
      'X-Scopes': 'orders.read  orders.write',
      'X-Tenant': 'contoso',
      'X-Correlation-Id': 'corr-123',
      'X-Tier': 'gold',
      'X-Api-Version': '2',
      'X-Client-Info': '{"app":"mobile","version":"3.1"}',
      'X-Items': '3',
      'X-Timestamp': '2024-03-15T10:10:00Z',
      'X-Roles': 'reader, admin, reader',
    }),
    ipAddress: '203.0.113.9',
    body: SAMPLE_BODY,
    api: { id: 'orders-api', name: 'Orders API', path: 'orders', serviceUrl: 'https://orders-eu.internal/api' },
    operation: { id: 'get-item', name: 'Get item', method: 'GET', urlTemplate: '/items/{id}' },
    matchedParameters: { id: '17' },
    backendPath: '/v2/items/17',
    product: { id: 'partner', name: 'Partner' },
    subscription: {
      id: 'sub-partner',
      name: 'Partner',
      key: 'partner-key-1',
      primaryKey: 'partner-key-1',
      secondaryKey: 'partner-key-2',
    },
    now: () => SAMPLE_NOW,
  });
  context.variables.set('userId', 'u-42');
  context.variables.set('attempt', 3);
  return context;
}
