import { createAppLogger, readLogLevel } from '@stack/app-logging';
import { loadEchoEnv } from './config/echo-env';
import { startEchoApi } from './echo-app';

async function main(): Promise<void> {
  const config = loadEchoEnv();
  const logger = createAppLogger({ service: 'echo-api', level: readLogLevel() });
  const echo = await startEchoApi(config, { logger });
  logger.info({ url: `${echo.url}/api` }, `Echo API (APIM's built-in Echo backend) listening on ${echo.url}/api`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
