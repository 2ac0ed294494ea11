import { createAppLogger, readLogLevel } from '@stack/app-logging';
import { startProtectedApi } from './app/protected-api';
import { loadProtectedApiConfig } from './config/protected-api-config';

async function main(): Promise<void> {
  const config = loadProtectedApiConfig();
  const logger = createAppLogger({ service: 'protected-api', level: readLogLevel() });
  const api = await startProtectedApi(config, { appLogger: logger });
  const { authorityHost, tenantId, apiAppId } = config.auth;
  logger.info(
    { url: api.url, authority: `${authorityHost}/${tenantId}`, apiAppId },
    `protected-api listening on ${api.url} (tokens from ${authorityHost}/${tenantId} for API ${apiAppId})`,
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
