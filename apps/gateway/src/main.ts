import { startGateway } from './app/gateway';
import { createGatewayLogger } from './app/logger';
import { loadGatewayEnv } from './config/gateway-env';

async function main(): Promise<void> {
  const env = loadGatewayEnv();
  const logger = createGatewayLogger(env.logLevel);
  const gateway = await startGateway({ env, logger });
  logger.info(
    {
      url: gateway.url,
      configDir: env.configDir,
      entraAuthorityHost: env.entraAuthorityHost ?? 'https://login.microsoftonline.com',
    },
    `gateway listening on ${gateway.url} (developer portal ${gateway.url}/docs)`,
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
