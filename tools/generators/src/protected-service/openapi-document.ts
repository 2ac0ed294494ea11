import type { NormalizedOptions } from './options';

/**
 * The OpenAPI document @nestjs/swagger builds from the generated controller (what `npm run openapi` writes), so the
 * gateway's developer portal shows the new API at once. tools/openapi's spec fails when the two ever differ.
 */
export function openApiDocument(options: NormalizedOptions): Record<string, unknown> {
  const answer = (description: string) => ({
    description,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['items', 'caller'],
          properties: {
            items: { type: 'array', items: {} },
            caller: {
              type: 'object',
              required: ['roles'],
              properties: {
                clientId: { type: 'string', description: 'azp (v2) or appid (v1) of the token.' },
                roles: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  });
  const operation = (operationId: string, summary: string, role: string, status: '200' | '201') => ({
    description: `Needs an access token for this API whose roles claim includes the app role ${role}.`,
    operationId,
    parameters: [],
    ...(status === '201'
      ? {
          requestBody: {
            required: false,
            content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
          },
        }
      : {}),
    responses: {
      [status]: answer('What was read or written, and who asked.'),
      '401': { description: 'No token, or a token that is invalid, expired or for another API.' },
      '403': { description: `The token lacks the app role ${role}.` },
    },
    security: [{ bearer: [] }],
    summary: `${summary} (${role})`,
    tags: [options.title],
  });
  return {
    openapi: '3.0.0',
    paths: {
      '/resource': {
        get: operation('retrieve-resource', 'Retrieve resource', options.readRole, '200'),
        post: operation('create-resource', 'Create resource', options.writeRole, '201'),
      },
    },
    info: {
      title: options.title,
      description:
        `Resource routes protected by Entra app roles: reads need ${options.readRole}, writes need ` +
        `${options.writeRole}. Call with an app-only (client credentials) access token for this API.`,
      version: '1.0',
      contact: {},
    },
    tags: [],
    servers: [],
    components: {
      securitySchemes: { bearer: { scheme: 'bearer', bearerFormat: 'JWT', type: 'http' } },
      schemas: {},
    },
  };
}
