import { readCertificateCredential, RedisTokenCache, TokenProvider, type ClientCredential } from '@stack/token-cache';
import type { Logger } from 'pino';
import type { WorkerConfig } from './worker-config';

/** One TokenProvider for the worker's (authority, client); Redis-backed when REDIS_URL is set, memory otherwise. */
export async function createTokenProvider(config: WorkerConfig, logger: Logger): Promise<TokenProvider> {
  const credential: ClientCredential =
    config.credential.kind === 'secret'
      ? { clientSecret: config.credential.clientSecret }
      : { certificate: await readCertificateCredential(config.credential.certificatePath, config.credential.privateKeyPath) };
  const tokenLogger = logger.child({ component: 'token-cache' });
  return new TokenProvider({
    authority: config.authority,
    clientId: config.clientId,
    credential,
    knownAuthorities: config.knownAuthorities,
    cache: config.redisUrl ? new RedisTokenCache({ url: config.redisUrl, logger: tokenLogger }) : undefined,
    logger: tokenLogger,
  });
}
