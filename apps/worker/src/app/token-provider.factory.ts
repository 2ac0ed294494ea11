import { readCertificateCredential, RedisTokenCache, TokenProvider, type ClientCredential } from '@stack/token-cache';
import type { Logger } from 'pino';
import type { WorkerConfig } from './worker-config';

/** The worker's token source; `close()` stops refreshes and, with Redis, closes the connection the worker opened. */
export interface WorkerTokens {
  readonly provider: TokenProvider;
  close(): Promise<void>;
}

/** One TokenProvider for the worker's (authority, client); Redis-backed when REDIS_URL is set, memory otherwise. */
export async function createTokenProvider(config: WorkerConfig, logger: Logger): Promise<WorkerTokens> {
  const credential: ClientCredential =
    config.credential.kind === 'secret'
      ? { clientSecret: config.credential.clientSecret }
      : {
          certificate: await readCertificateCredential(
            config.credential.certificatePath,
            config.credential.privateKeyPath,
          ),
        };
  const tokenLogger = logger.child({ component: 'token-cache' });
  const cache = config.redisUrl ? new RedisTokenCache({ url: config.redisUrl, logger: tokenLogger }) : undefined;
  const provider = new TokenProvider({
    authority: config.authority,
    clientId: config.clientId,
    credential,
    knownAuthorities: config.knownAuthorities,
    cache,
    logger: tokenLogger,
  });
  return {
    provider,
    close: async () => {
      await provider.close(); // the provider leaves a cache it was given open
      await cache?.close();
    },
  };
}
