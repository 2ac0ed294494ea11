/**
 * The backends' OpenAPI documents, built in-process from their NestJS decorators (the apps are created, never
 * started): the gateway's developer portal shows them, rewritten for the gateway, from config/gateway/openapi/.
 */
import 'reflect-metadata';
import type { OpenAPIObject } from '@nestjs/swagger';
import { join } from 'node:path';
// The generator needs the apps themselves (their controllers are the source of the documents); only this tool
// imports them, and only to build documents.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createEchoApp } from '../../apps/echo-api/src/echo-app';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { buildEchoApiOpenApiDocument } from '../../apps/echo-api/src/echo-openapi';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createProtectedApi } from '../../apps/protected-api/src/app/protected-api';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { buildProtectedApiOpenApiDocument } from '../../apps/protected-api/src/protected-api-openapi';
import { readProtectedServices } from '../stack/protected-services';

/** Where the documents are committed. */
export const OPENAPI_DIR = join(__dirname, '..', '..', 'config', 'gateway', 'openapi');

/** One generated document and the file it belongs in. */
export interface GeneratedDocument {
  /** Absolute path under {@link OPENAPI_DIR}. */
  readonly file: string;
  readonly document: OpenAPIObject;
}

/** Placeholders: protected-api needs identity settings to be built, but nothing is called while documenting. */
const PLACEHOLDER_AUTH = {
  tenantId: '00000000-0000-0000-0000-000000000000',
  authorityHost: 'https://identity.invalid',
  apiAppId: '00000000-0000-0000-0000-000000000000',
};

/** What a generated protected service's `src/<name>-openapi.ts` exports (nx g @stack/tools:protected-service). */
interface GeneratedServiceOpenApi {
  buildOpenApiDocumentOffline(): Promise<OpenAPIObject>;
}

/** The generated services' documents (config/stack/services.json), each built by the app itself. */
async function buildGeneratedServiceDocuments(): Promise<GeneratedDocument[]> {
  const documents: GeneratedDocument[] = [];
  for (const { name } of readProtectedServices()) {
    // A dynamic require: the list is data, so this tool needs no edit when a service is generated.
    const module = require(
      join(__dirname, '..', '..', 'apps', name, 'src', `${name}-openapi`),
    ) as GeneratedServiceOpenApi;
    documents.push({ file: join(OPENAPI_DIR, `${name}.json`), document: await module.buildOpenApiDocumentOffline() });
  }
  return documents;
}

/** Builds every backend's document in memory, in a stable order (generated services last, in list order). */
export async function buildOpenApiDocuments(): Promise<GeneratedDocument[]> {
  const echo = await createEchoApp({ port: 0, host: '127.0.0.1', maxDelayMs: 0 });
  const protectedApi = await createProtectedApi(
    { port: 0, host: '127.0.0.1', auth: PLACEHOLDER_AUTH },
    { logger: ['error', 'warn'] },
  );
  try {
    return [
      { file: join(OPENAPI_DIR, 'echo-api.json'), document: buildEchoApiOpenApiDocument(echo) },
      { file: join(OPENAPI_DIR, 'protected-api.json'), document: buildProtectedApiOpenApiDocument(protectedApi) },
      ...(await buildGeneratedServiceDocuments()),
    ];
  } finally {
    await Promise.all([echo.close(), protectedApi.close()]);
  }
}
