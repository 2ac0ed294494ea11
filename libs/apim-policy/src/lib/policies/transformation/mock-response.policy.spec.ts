import { GatewayConfigError } from '../../errors/gateway-config-error';
import { PolicyTestHost } from '../../testing/policy-test-host';
import { mockAnswer } from './openapi-example';

const CATALOGUE = {
  openapi: '3.0.3',
  info: { title: 'Catalogue', version: '1' },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'get-item',
        responses: {
          '200': {
            description: 'An item',
            content: {
              'application/json': {
                examples: {
                  pen: { value: { id: 'i-1', name: 'Fountain pen', price: 12.5 } },
                  ink: { value: { id: 'i-2', name: 'Ink', price: 4 } },
                },
              },
              'application/xml': { example: '<item id="i-1"><name>Fountain pen</name></item>' },
            },
          },
          '404': {
            description: 'Missing',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      },
    },
    '/items': {
      post: {
        operationId: 'create-item',
        responses: {
          '201': {
            description: 'Created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
          '400': { description: 'Invalid' },
        },
      },
    },
  },
  components: {
    schemas: {
      Item: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string', example: 'Notebook' },
          tags: { type: 'array', items: { type: 'string', enum: ['paper', 'office'] } },
          stock: { type: 'integer' },
          created: { type: 'string', format: 'date-time' },
        },
      },
      Problem: {
        type: 'object',
        properties: { title: { type: 'string', default: 'Not found' }, status: { type: 'integer', example: 404 } },
      },
    },
  },
};

const OPERATIONS = [
  { id: 'get-item', method: 'GET', urlTemplate: '/items/{id}' },
  { id: 'create-item', method: 'POST', urlTemplate: '/items' },
];

function mocked(statement: string, section: 'inbound' | 'outbound' | 'on-error' = 'inbound') {
  const xml =
    section === 'inbound'
      ? `<policies><inbound>${statement}</inbound></policies>`
      : section === 'outbound'
        ? `<policies><inbound /><outbound>${statement}</outbound></policies>`
        : `<policies><inbound><check-header name="X-Key" failed-check-httpcode="401" failed-check-error-message="no key" ignore-case="true" /></inbound><on-error>${statement}</on-error></policies>`;
  return new PolicyTestHost({
    api: { id: 'catalogue', path: 'catalogue', operations: OPERATIONS },
    policies: { api: xml },
    services: { openApiDocuments: new Map([['catalogue', CATALOGUE]]) },
    backend: () => ({ status: 503, body: 'backend was called' }),
  });
}

describe('mock-response', () => {
  it('answers 200 with the first example of the first media type, without calling the backend', async () => {
    const result = await mocked('<mock-response />').send({ path: '/catalogue/items/i-9' });
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.json()).toEqual({ id: 'i-1', name: 'Fountain pen', price: 12.5 });
    expect(result.forwarded).toBeUndefined();
  });

  it('picks the media type content-type names, sending a text example as written', async () => {
    const result = await mocked('<mock-response status-code="200" content-type="application/xml" />').send({
      path: '/catalogue/items/i-1',
    });
    expect(result.headers['content-type']).toBe('application/xml');
    expect(result.text).toBe('<item id="i-1"><name>Fountain pen</name></item>');
  });

  it('builds a sample from the schema when there is no example (refs, formats, enums, examples, defaults)', async () => {
    const created = await mocked('<mock-response />').send({ method: 'POST', path: '/catalogue/items', body: {} });
    expect(created.status).toBe(201);
    expect(created.json()).toEqual({
      id: '00000000-0000-0000-0000-000000000000',
      name: 'Notebook',
      tags: ['paper'],
      stock: 0,
      created: '1970-01-01T00:00:00Z',
    });
    const missing = await mocked('<mock-response status-code="404" />').send({ path: '/catalogue/items/x' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/problem+json');
    expect(missing.json()).toEqual({ title: 'Not found', status: 404 });
  });

  it('answers no content when the status or media type has neither example nor schema', async () => {
    const invalid = await mocked('<mock-response status-code="400" />').send({
      method: 'POST',
      path: '/catalogue/items',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toBe('');
    expect(invalid.headers['content-type']).toBeUndefined();
    const undocumented = await mocked('<mock-response status-code="418" content-type="text/plain" />').send({
      path: '/catalogue/items/i-1',
    });
    expect(undocumented.status).toBe(418);
    expect(undocumented.headers['content-type']).toBe('text/plain');
    expect(undocumented.text).toBe('');
  });

  it('replaces the backend answer in outbound and the failure answer in on-error', async () => {
    const outbound = await mocked('<mock-response />', 'outbound').send({ path: '/catalogue/items/1' });
    expect(outbound.status).toBe(200);
    expect(outbound.forwarded).toBeDefined();
    expect(outbound.json()).toMatchObject({ id: 'i-1' });
    const onError = await mocked('<mock-response status-code="404" />', 'on-error').send({
      path: '/catalogue/items/1',
    });
    expect(onError.status).toBe(404);
    expect(onError.json()).toEqual({ title: 'Not found', status: 404 });
  });

  it('finds the operation by operationId when the path differs, and reads Swagger 2 examples', () => {
    expect(mockAnswer(CATALOGUE, { id: 'get-item', method: 'GET', urlTemplate: '/renamed/{id}' }, {}).body).toBe(
      '{"id":"i-1","name":"Fountain pen","price":12.5}',
    );
    const swagger = {
      swagger: '2.0',
      produces: ['application/json'],
      paths: { '/ping': { get: { responses: { '200': { examples: { 'application/json': { ok: true } } } } } } },
    };
    expect(mockAnswer(swagger, { id: 'ping', method: 'GET', urlTemplate: '/ping' }, {})).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '{"ok":true}',
    });
  });

  it('refuses to load without the OpenAPI documents service, with expressions, or with a bad status', () => {
    const loadError = (statement: string, withDocuments = true) => {
      try {
        new PolicyTestHost({
          policies: { api: `<policies><inbound>${statement}</inbound></policies>` },
          services: withDocuments ? { openApiDocuments: new Map() } : {},
        });
      } catch (error) {
        if (error instanceof GatewayConfigError) return error.message;
        throw error;
      }
      throw new Error('expected a load error');
    };
    expect(loadError('<mock-response />', false)).toContain("answers from the APIs' OpenAPI documents");
    expect(loadError('<mock-response status-code="@(200)" />')).toContain("policy expressions aren't allowed");
    expect(loadError('<mock-response status-code="OK" />')).toContain('not a whole number from 100 to 599');
    expect(loadError('<mock-response delay="5" />')).toContain('unknown attribute');
  });
});
