/**
 * The committed OpenAPI documents match the backends' controllers: each is regenerated in memory and compared
 * (as JSON values, so formatting is Prettier's business) with config/gateway/openapi/.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readProtectedServices } from '../stack/protected-services';
import { buildOpenApiDocuments, OPENAPI_DIR, type GeneratedDocument } from './openapi-documents';

let generated: GeneratedDocument[];
beforeAll(async () => {
  generated = await buildOpenApiDocuments();
});

it('generates the Echo API and protected-api documents, then one per generated service', () => {
  expect(generated.map(({ file }) => relative(OPENAPI_DIR, file))).toEqual([
    'echo-api.json',
    'protected-api.json',
    ...readProtectedServices().map(({ name }) => `${name}.json`),
  ]);
});

it('keeps config/gateway/openapi/ up to date with the controllers', () => {
  const stale = generated.filter(({ file, document }) => {
    let committed: unknown;
    try {
      committed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return true;
    }
    return !isDeepStrictEqual(committed, JSON.parse(JSON.stringify(document)));
  });
  if (stale.length > 0) {
    const files = stale.map(({ file }) => relative(process.cwd(), file)).join(', ');
    throw new Error(
      `Stale OpenAPI documents (the echo-api / protected-api controllers changed): ${files}; run npm run openapi`,
    );
  }
});

it('documents the Echo API as APIM does, relative to its /api backend URL', () => {
  const echo = generated[0].document;
  expect(Object.keys(echo.paths).sort()).toEqual(['/resource', '/resource-cached']);
  const operations = Object.values(echo.paths).flatMap((item) =>
    Object.entries(item).map(
      ([method, operation]) => `${method} ${(operation as { operationId: string }).operationId}`,
    ),
  );
  expect(operations.sort()).toEqual([
    'delete remove-resource',
    'get retrieve-resource',
    'get retrieve-resource-cached',
    'head retrieve-header-only',
    'post create-resource',
    'put modify-resource',
  ]);
  const params = echo.paths['/resource'].get?.parameters ?? [];
  expect(params).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        name: 'param1',
        in: 'query',
        required: true,
        schema: { type: 'string', default: 'sample' },
      }),
      expect.objectContaining({ name: 'param2', in: 'query', required: false, schema: { type: 'number' } }),
    ]),
  );
  const body = echo.paths['/resource'].post?.requestBody as { content: Record<string, { examples: unknown }> };
  expect(body.content['application/json'].examples).toEqual({
    vehicle: expect.objectContaining({
      value: { vehicleType: 'train', maxSpeed: 125, avgSpeed: 90, speedUnit: 'mph' },
    }),
  });
});

it('documents protected-api with its app roles and without health probes', () => {
  const api = generated[1].document;
  expect(Object.keys(api.paths).sort()).toEqual(['/me', '/relay', '/resource']);
  const resource = api.paths['/resource'];
  expect(resource.get?.description).toContain('Echo.Read');
  for (const operation of [resource.post, resource.put, resource.delete])
    expect(operation?.description).toContain('Echo.Write');
  expect(api.paths['/me'].get?.operationId).toBe('who-am-i');
  expect(api.paths['/relay'].get?.operationId).toBe('relayed-by-gateway');
  expect(api.paths['/relay'].get?.description).toContain('Gateway.Relay');
  expect(api.components?.securitySchemes?.['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
});
