import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * protected-api's OpenAPI document, built from the controllers' decorators: the resource routes (app roles
 * Echo.Read / Echo.Write) and /me, with a bearer token; health probes are left out. The app need not listen.
 */
export function buildProtectedApiOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Protected API')
    .setDescription(
      'Echo-style resource routes protected by Entra app roles: reads need Echo.Read, writes need Echo.Write. ' +
        'Call with an app-only (client credentials) access token for this API.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}
