import { PolicyTestHost, type PolicyTestHostOptions } from '../../../testing/policy-test-host';

const API: Record<string, unknown> = {
  openapi: '3.0.1',
  info: { title: 'Orders', version: '1' },
  paths: {
    '/orders/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      get: {
        operationId: 'get-order',
        parameters: [
          { name: 'expand', in: 'query', schema: { type: 'boolean' } },
          {
            name: 'fields',
            in: 'query',
            schema: { type: 'array', items: { type: 'string', enum: ['sku', 'quantity'] } },
          },
          { $ref: '#/components/parameters/TenantHeader' },
        ],
        responses: {
          '200': {
            description: 'ok',
            headers: { 'X-Rate-Remaining': { schema: { type: 'integer', minimum: 0 } } },
          },
        },
      },
    },
  },
  components: {
    parameters: { TenantHeader: { name: 'X-Tenant', in: 'header', schema: { type: 'string', pattern: '^[a-z]+$' } } },
  },
};

function host(policies: { inbound?: string; outbound?: string }, backend?: PolicyTestHostOptions['backend']) {
  return new PolicyTestHost({
    api: { id: 'orders', operations: [{ id: 'get-order', method: 'GET', urlTemplate: '/orders/{id}' }] },
    services: { openApiDocuments: new Map([['orders', API]]) },
    policies: {
      api: `<policies><inbound>${policies.inbound ?? ''}</inbound><outbound>${policies.outbound ?? ''}</outbound></policies>`,
    },
    backend,
  });
}

const PARAMETERS = `<validate-parameters specified-parameter-action="prevent" unspecified-parameter-action="prevent" errors-variable-name="paramErrors">
    <headers specified-parameter-action="prevent" unspecified-parameter-action="ignore" />
  </validate-parameters>`;

describe('validate-parameters', () => {
  it('lets declared parameters with valid values through (path, query, header via $ref; arrays split on commas)', async () => {
    const result = await host({ inbound: PARAMETERS }).send({
      path: '/orders/42?expand=true&fields=sku,quantity',
      headers: { 'X-Tenant': 'contoso' },
    });
    expect(result.status).toBe(200);
    expect(result.variables['paramErrors']).toBeUndefined();
  });

  it.each([
    ['/orders/0', 'The value of the path parameter id does not conform to the definition. (root) must be >= 1'],
    [
      '/orders/7?expand=maybe',
      'The value of the query parameter expand does not conform to the definition. (root) must be boolean',
    ],
    ['/orders/7?debug=1', 'Unspecified query parameter debug is not allowed.'],
    ['/orders/7?expand=true&expand=false', 'Request cannot contain multiple values for the query parameter expand.'],
  ])('prevent: %s → 400 "%s"', async (path, message) => {
    const result = await host({ inbound: PARAMETERS }).send({ path });
    expect(result.status).toBe(400);
    expect(result.json()).toEqual({ statusCode: 400, message });
    expect(result.lastError).toMatchObject({ source: 'validate-parameters', reason: 'Bad request' });
  });

  it('applies the headers element and per-parameter overrides (detect logs and goes on)', async () => {
    const policy = `<validate-parameters specified-parameter-action="prevent" unspecified-parameter-action="prevent" errors-variable-name="paramErrors">
        <headers specified-parameter-action="detect" unspecified-parameter-action="ignore" />
        <query><parameter name="debug" action="ignore" /></query>
      </validate-parameters>`;
    const result = await host({ inbound: policy }).send({
      path: '/orders/7?debug=1',
      headers: { 'X-Tenant': 'UPPER' },
    });
    expect(result.status).toBe(200);
    expect(result.variables['paramErrors']).toEqual([
      expect.objectContaining({
        Name: 'X-Tenant',
        Type: 'RequestHeader',
        ValidationRule: 'IncorrectMessage',
        Action: 'detect',
      }),
    ]);
  });
});

describe('validate-headers', () => {
  const policy = (unspecified: string) =>
    `<validate-headers specified-header-action="prevent" unspecified-header-action="${unspecified}" errors-variable-name="headerErrors">
       <header name="Content-Type" action="ignore" />
     </validate-headers>`;

  it('checks declared response headers against their schema: 502 when they do not conform', async () => {
    const ok = await host({ outbound: policy('ignore') }, () => ({ headers: { 'X-Rate-Remaining': '5' } })).send({
      path: '/orders/7',
    });
    expect(ok.status).toBe(200);
    const bad = await host({ outbound: policy('ignore') }, () => ({ headers: { 'X-Rate-Remaining': '-1' } })).send({
      path: '/orders/7',
    });
    expect(bad.status).toBe(502);
    expect(bad.lastError).toMatchObject({ source: 'validate-headers', reason: 'Response not allowed' });
    expect(bad.variables['headerErrors']).toEqual([
      expect.objectContaining({ Name: 'X-Rate-Remaining', ValidationRule: 'IncorrectMessage', Type: 'ResponseHeader' }),
    ]);
  });

  it('undeclared headers get unspecified-header-action (per-header overrides win)', async () => {
    const result = await host({ outbound: policy('detect') }, () => ({
      headers: { 'X-Backend-Version': '1.2', 'Content-Type': 'text/plain' },
    })).send({
      path: '/orders/7',
    });
    expect(result.status).toBe(200);
    expect(result.variables['headerErrors']).toEqual([
      expect.objectContaining({
        Name: 'X-Backend-Version',
        ValidationRule: 'Unspecified',
        Details: 'Unspecified header X-Backend-Version is not allowed.',
      }),
    ]);
  });
});
