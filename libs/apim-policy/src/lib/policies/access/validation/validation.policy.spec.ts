import { PolicyTestHost, type PolicyTestHostOptions } from '../../../testing/policy-test-host';

const ORDERS_API: Record<string, unknown> = {
  openapi: '3.0.1',
  info: { title: 'Orders', version: '1' },
  paths: {
    '/orders': {
      post: {
        operationId: 'create-order',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
          },
          '4XX': { description: 'client error' },
        },
      },
    },
  },
  components: {
    schemas: {
      Order: {
        type: 'object',
        required: ['sku', 'quantity'],
        properties: { sku: { type: 'string', pattern: '^[A-Z]{3}-\\d+$' }, quantity: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      },
    },
  },
};

function host(
  policies: { inbound?: string; outbound?: string },
  backend: PolicyTestHostOptions['backend'] = () => ({ status: 201, body: { sku: 'ABC-1', quantity: 1 } }),
) {
  return new PolicyTestHost({
    api: { id: 'orders', operations: [{ id: 'create-order', method: 'POST', urlTemplate: '/orders' }] },
    services: { openApiDocuments: new Map([['orders', ORDERS_API]]) },
    policies: {
      api: `<policies><inbound>${policies.inbound ?? ''}</inbound><outbound>${policies.outbound ?? ''}</outbound></policies>`,
    },
    backend,
  });
}

const validateContent = (action: string, extra = '') =>
  `<validate-content unspecified-content-type-action="prevent" max-size="1024" size-exceeded-action="prevent" errors-variable-name="bodyErrors"${extra}>
     <content type="application/json" validate-as="json" action="${action}" />
   </validate-content>`;

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: '/orders',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
});

describe('validate-content', () => {
  it('lets a body that matches the operation schema through, and the backend still gets it', async () => {
    const result = await host({ inbound: validateContent('prevent') }).send(post({ sku: 'ABC-12', quantity: 2 }));
    expect(result.status).toBe(201);
    expect(JSON.parse(result.forwarded?.body ?? '')).toEqual({ sku: 'ABC-12', quantity: 2 });
  });

  it('prevent: 400 with the public message, LastError "Bad request", the error in errors-variable-name', async () => {
    const result = await host({ inbound: validateContent('prevent') }).send(post({ sku: 'abc', quantity: 2 }));
    expect(result.status).toBe(400);
    const { message } = result.json<{ message: string }>();
    expect(message).toContain('Body of the request does not conform to the definition');
    expect(message).toContain('/sku must match pattern');
    expect(result.lastError).toMatchObject({ source: 'validate-content', reason: 'Bad request' });
    expect(result.forwarded).toBeUndefined();
    expect(result.variables['bodyErrors']).toEqual([
      expect.objectContaining({ Type: 'RequestBody', ValidationRule: 'IncorrectMessage', Action: 'prevent' }),
    ]);
  });

  it('detect: logs the error and goes on; additionalProperties false in the schema refuses extra fields', async () => {
    const result = await host({ inbound: validateContent('detect') }).send(post({ sku: 'ABC-1', quantity: 1, x: 1 }));
    expect(result.status).toBe(201);
    expect((result.variables['bodyErrors'] as Array<{ Details: string }>)[0].Details).toContain(
      'must NOT have additional properties',
    );
  });

  it('refuses a body over max-size (SizeLimit) and a content type the schema does not list (Unspecified)', async () => {
    const big = await host({ inbound: validateContent('prevent') }).send(
      post({ sku: 'ABC-1', quantity: 1, pad: 'x'.repeat(2000) }),
    );
    expect(big.status).toBe(400);
    expect(big.json<{ message: string }>().message).toMatch(
      /^Request's body is \d+ bytes long and it exceeds the limit of 1024 bytes\.$/,
    );
    const xml = await host({ inbound: validateContent('prevent') }).send({
      method: 'POST',
      path: '/orders',
      body: '<order />',
      headers: { 'Content-Type': 'application/xml' },
    });
    expect(xml.status).toBe(400);
    expect(xml.json<{ message: string }>().message).toBe('Unspecified content type application/xml is not allowed.');
  });

  it('maps content types with content-type-map before checking', async () => {
    const policy = `<validate-content unspecified-content-type-action="prevent" max-size="1024" size-exceeded-action="prevent">
        <content-type-map missing-content-type-value="application/json"><type from="application/hal+json" to="application/json" /></content-type-map>
        <content type="application/json" validate-as="json" action="prevent" />
      </validate-content>`;
    const hal = await host({ inbound: policy }).send(post({ sku: 'bad' }, { 'Content-Type': 'application/hal+json' }));
    expect(hal.status).toBe(400);
  });

  it('checks responses in outbound: 502 with the internal-error message', async () => {
    const result = await host({ outbound: validateContent('prevent') }, () => ({
      status: 201,
      body: { sku: 'ABC-1' },
    })).send(post({ sku: 'ABC-1', quantity: 1 }));
    expect(result.status).toBe(502);
    expect(result.json<{ message: string }>().message).toBe(
      'The request could not be processed due to an internal error. Contact the API owner.',
    );
    expect(result.lastError?.reason).toBe('Response not allowed');
  });

  it.each([
    ['<content type="application/xml" validate-as="xml" action="prevent" />', 'validate-as="xml" is not supported'],
    ['<content validate-as="json" schema-id="orders" action="prevent" />', 'schema-id is not supported'],
  ])('refuses %s at load', (content, message) => {
    const policy = `<validate-content unspecified-content-type-action="ignore" max-size="1024" size-exceeded-action="ignore">${content}</validate-content>`;
    expect(() => host({ inbound: policy })).toThrow(message);
  });

  it('refuses max-size above 102400 and needs the OpenAPI documents service', () => {
    expect(() =>
      host({
        inbound:
          '<validate-content unspecified-content-type-action="ignore" max-size="200000" size-exceeded-action="ignore" />',
      }),
    ).toThrow('is not a whole number from 0 to 102400');
    expect(
      () =>
        new PolicyTestHost({
          policies: {
            api: '<policies><inbound><validate-content unspecified-content-type-action="ignore" max-size="10" size-exceeded-action="ignore" /></inbound></policies>',
          },
        }),
    ).toThrow('services.openApiDocuments');
  });
});

describe('validate-status-code', () => {
  const policy = `<validate-status-code unspecified-status-code-action="prevent" errors-variable-name="statusErrors">
      <status-code code="500" action="detect" /></validate-status-code>`;

  it('passes codes the schema lists (exactly or as 4XX)', async () => {
    expect((await host({ outbound: policy }).send(post({}))).status).toBe(201);
    expect((await host({ outbound: policy }, () => ({ status: 404 })).send(post({}))).status).toBe(404);
  });

  it('prevents an unlisted code with 502 (no backend error leaks), or only logs it where <status-code> says detect', async () => {
    const leaked = await host({ outbound: policy }, () => ({ status: 302, body: 'stack trace' })).send(post({}));
    expect(leaked.status).toBe(502);
    expect(leaked.text).not.toContain('stack trace');
    expect(leaked.lastError).toMatchObject({ source: 'validate-status-code', reason: 'Response not allowed' });
    const detected = await host({ outbound: policy }, () => ({ status: 500 })).send(post({}));
    expect(detected.status).toBe(500);
    expect(detected.variables['statusErrors']).toEqual([
      expect.objectContaining({ Name: '500', Type: 'StatusCode', ValidationRule: 'Unspecified', Action: 'detect' }),
    ]);
  });
});
