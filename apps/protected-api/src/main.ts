import { Logger } from '@nestjs/common';
import { startProtectedApi } from './app/protected-api';
import { loadProtectedApiConfig } from './config/protected-api-config';

async function main(): Promise<void> {
  const config = loadProtectedApiConfig();
  const api = await startProtectedApi(config);
  new Logger('ProtectedApi').log(
    `listening on ${api.url} (tokens from ${config.auth.authorityHost}/${config.auth.tenantId} for API ${config.auth.apiAppId})`,
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
