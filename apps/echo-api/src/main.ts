import { loadEchoEnv } from './config/echo-env';
import { startEchoApi } from './echo-app';

async function main(): Promise<void> {
  const echo = await startEchoApi(loadEchoEnv());
  console.log(`Echo API (APIM's built-in Echo backend) listening on ${echo.url}/api`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
