/**
 * `npm run openapi`: writes the backends' OpenAPI documents to config/gateway/openapi/ (Prettier-formatted, so
 * `npm run format:check` stays green). Run it after changing a controller of echo-api or protected-api; the spec
 * beside this file fails while the committed documents are stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocuments, OPENAPI_DIR } from './openapi-documents';

async function main(): Promise<void> {
  await mkdir(OPENAPI_DIR, { recursive: true });
  for (const { file, document } of await buildOpenApiDocuments()) {
    const options = (await resolveConfig(file)) ?? {};
    await writeFile(file, await format(JSON.stringify(document), { ...options, filepath: file }));
    process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run openapi failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
