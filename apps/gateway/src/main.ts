import { escapeControlCharacters } from '@stack/claim-policy';
import { startGateway } from './app/gateway';
import { createGatewayLogger } from './app/logger';
import { loadGatewayEnv } from './config/gateway-env';

async function main(): Promise<void> {
  const env = loadGatewayEnv();
  const logger = createGatewayLogger(env.logLevel);
  const gateway = await startGateway({ env, logger });
  // Stop taking requests, close the backend pools and key stores, then exit 0 (npm start and compose send these).
  const stop = () => {
    gateway.close().then(
      () => {
        logger.info('gateway stopped');
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ err: error }, 'gateway did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
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
  // Plain text for the operator, line by line as written; control characters inside a line (from a config
  // value or an environment variable) are escaped so they cannot forge lines or drive the terminal.
  console.error(String(error.message).split('\n').map(escapeControlCharacters).join('\n'));
  process.exit(1);
});
