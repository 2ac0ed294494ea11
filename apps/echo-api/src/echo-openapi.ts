import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * The Echo API's OpenAPI document, built from the controllers' decorators. Paths are relative to the backend
 * base URL that APIM publishes (`<url>/api`, its serviceUrl), so `/resource`, not `/api/resource`; health is
 * left out. The app need not listen.
 */
export function buildEchoApiOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Echo API')
    .setDescription(
      "A mock of Azure API Management's built-in Echo API: every operation answers with the request it received " +
        '(method, path, query, headers and body).',
    )
    .setVersion('1.0')
    .build();
  return SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: true });
}
