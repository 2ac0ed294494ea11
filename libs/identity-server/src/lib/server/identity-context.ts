/** The services one running identity server shares between its HTTP controllers. */
import type { Logger } from 'pino';
import type { ServiceUrls } from '../discovery/service-urls';
import type { SigningKeyStore } from '../keys/signing-key-store';
import type { ServiceCounters } from '../metrics/token-counters';
import type { Directory } from '../registrations/directory';
import type { TokenService } from '../tokens/token-service';
import type { AuthorizeService } from '../authorize/authorize-service';

/** Injection token of the {@link IdentityContext}. */
export const IDENTITY_CONTEXT = Symbol('IDENTITY_CONTEXT');

/** Core services behind the HTTP layer. */
export interface IdentityContext {
  readonly directory: Directory;
  readonly keys: SigningKeyStore;
  readonly tokens: TokenService;
  /** The authorization endpoint and the local sign-in pages. */
  readonly authorize: AuthorizeService;
  readonly counters: ServiceCounters;
  /** Known once the server listens (the port may be chosen by the OS). */
  readonly urls: ServiceUrls;
  readonly logger: Logger;
  /** Default delay between publishing a new key and signing with it. */
  readonly keyPublishDelaySeconds: number;
  /** The service's clock (ms since the epoch). */
  readonly now: () => number;
}
