import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * protected-api's OpenAPI document, built from the controllers' decorators: the resource routes (app role or
 * delegated scope) and /me, with a bearer token; health probes are left out. The app need not listen.
 */
export function buildProtectedApiOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Protected API')
    .setDescription(
      'Echo-style resource routes for apps and signed-in users: reads need the app role Echo.Read or the ' +
        'delegated scope Echo.Read.User, writes Echo.Write or Echo.Write.User. Call with an app token (client ' +
        "credentials; roles) or a user's token (authorization code; scp) for this API.",
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}
