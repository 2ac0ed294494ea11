import { GatewayContext, type ResponseState } from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';

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

/** The backend's answer in the sample: a JSON array of two rows with links to the backend host. */
export const SAMPLE_RESPONSE_BODY = JSON.stringify([
  { id: 'a1', name: 'A', href: 'http://orders-eu.internal/items/a1' },
  { id: 'b2', name: 'B', href: 'http://orders-eu.internal/items/b2' },
]);

/** An IResponse as send-request leaves it in a variable. */
function sentResponse(body: string, headers: Record<string, string> = {}): ResponseState {
  return { statusCode: 200, reason: 'OK', headers: HeaderBag.from(headers), body };
}

/**
 * The request the catalogue's `expected` values are predicted against: a partner's POST to the
 * Orders API, on a clock that does not move (so `context.Elapsed` is zero), seen after the backend
 * answered (so `context.Response` is set) and after four send-request calls filled variables.
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
  context.response = {
    statusCode: 200,
    headers: HeaderBag.from({ 'Content-Type': 'application/json' }),
    body: SAMPLE_RESPONSE_BODY,
  };
  context.variables.set('userId', 'u-42');
  context.variables.set('attempt', 3);
  context.variables.set('introspection', sentResponse('{"active":true,"scope":"orders.read"}'));
  context.variables.set('lookup', sentResponse('cached-profile', { ETag: '"v7"' }));
  context.variables.set('profile-response', sentResponse('{"displayName":"Ada L."}'));
  context.variables.set('entitlements', sentResponse('{"grants":["read","write"]}'));
  context.variables.set('token-response', sentResponse('{"access_token":"abc","expires_in":3599}'));
  return context;
}
