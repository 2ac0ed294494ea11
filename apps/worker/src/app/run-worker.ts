import { ApiClient } from './api-client';
import { CallLoop } from './call-loop';
import { startHealthServer } from './health-server';
import { createLogger } from './logger';
import { createTokenProvider } from './token-provider.factory';
import type { WorkerConfig } from './worker-config';

/** A running worker: the call loop, its health endpoint, and a clean stop. */
export interface RunningWorker {
  readonly loop: CallLoop;
  readonly healthPort: number;
  stop(): Promise<void>;
}

/** Starts the daemon: token provider, API client, health endpoint, then the call loop. */
export async function runWorker(config: WorkerConfig): Promise<RunningWorker> {
  const logger = createLogger(config.logLevel);
  const tokens = await createTokenProvider(config, logger);
  const client = new ApiClient({
    baseUrl: config.apiBaseUrl,
    scope: config.scope,
    subscriptionKey: config.subscriptionKey,
    tokens: tokens.provider,
  });
  const loop = new CallLoop({
    client,
    logger,
    path: config.apiPath,
    intervalMs: config.intervalMs,
    maxCalls: config.maxCalls,
  });
  const health = await startHealthServer(config.host, config.healthPort, {
    stats: loop.stats,
    tokens: tokens.provider,
  });
  logger.info(
    {
      authority: config.authority,
      clientId: config.clientId,
      credential: config.credential.kind,
      scope: config.scope,
      api: `${config.apiBaseUrl}${config.apiPath}`,
      intervalMs: config.intervalMs,
      tokenCache: config.redisUrl ? 'redis' : 'memory',
      health: `http://${config.host}:${health.port}/health`,
    },
    'worker started',
  );
  loop.start();
  return {
    loop,
    healthPort: health.port,
    stop: async () => {
      loop.stop();
      await new Promise<void>((resolve) => health.server.close(() => resolve()));
      await client.close();
      await tokens.close();
    },
  };
}
