/**
 * apps/identity: reads and validates the environment, starts the identity service from @stack/identity-server with
 * the app logger, logs the banner, and stops cleanly on SIGINT/SIGTERM.
 */
import 'reflect-metadata';
import { createAppLogger, JSON_ONLY_FIELD, LogSettingsError } from '@stack/app-logging';
import { REDACTED_PATHS, RegistrationsError, startIdentityServer } from '@stack/identity-server';
import { bannerLines } from './banner';
import { ConfigError, loadIdentityConfig } from './config';

async function main(): Promise<void> {
  const config = loadIdentityConfig(process.env);
  const logger = createAppLogger({ service: 'identity', level: config.logLevel, redact: REDACTED_PATHS });
  const server = await startIdentityServer({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    registrationsPath: config.registrationsPath,
    issuerMode: config.issuerMode,
    publicUrl: config.publicUrl,
    keyRotationIntervalSeconds: config.keyRotationIntervalSeconds,
    keyPublishDelaySeconds: config.keyPublishDelaySeconds,
    tokenLifetimeSeconds: config.tokenLifetimeSeconds,
    logger,
    corsOrigins: config.corsOrigins,
  });
  // The message is the banner line a person reads; the same facts as fields for JSON readers only.
  for (const line of bannerLines(server)) logger.info({ [JSON_ONLY_FIELD]: line.fields }, line.msg);

  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Configuration problems get their message only; anything else its stack too.
  const known =
    error instanceof ConfigError || error instanceof RegistrationsError || error instanceof LogSettingsError;
  const listening = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  const message = listening
    ? `The identity service cannot listen: ${(error as Error).message}. Stop the other process or set IDENTITY_PORT.`
    : known
      ? (error as Error).message
      : String((error as Error)?.stack ?? error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
