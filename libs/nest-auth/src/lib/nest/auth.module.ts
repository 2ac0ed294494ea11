import { escapeControlCharacters } from '@stack/claim-policy';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OptionalFactoryDependency,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { resolveAuthOptions, type AuthModuleOptions, type ResolvedAuthOptions } from '../config/auth-options';
import { JwksKeyStore, type KeyStoreEvent } from '../keys/jwks-key-store';
import { createBasePolicy } from '../policy/base-policy';
import { AUTH_MODULE_OPTIONS, BASE_CLAIM_POLICY, RESOLVED_AUTH_OPTIONS } from './auth.constants';
import { BearerAuthExceptionFilter } from './bearer-auth-exception.filter';
import { BearerAuthGuard } from './bearer-auth.guard';
import { BearerTokenVerifier } from '../verify/bearer-token-verifier';
import { RoutePolicyRegistry } from './route-policy.registry';

/** `AuthModule.forRootAsync()` options: a factory for {@link AuthModuleOptions}, Nest style. */
export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly useFactory: (...args: never[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  /** Register the guard for every route (APP_GUARD). Default true. Static: Nest needs it before the factory runs. */
  readonly globalGuard?: boolean;
}

/** Loads the signing keys before the app serves, and stops the refresh timer on shutdown. */
@Injectable()
class KeyStoreLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(JwksKeyStore) private readonly keyStore: JwksKeyStore) {}

  onApplicationBootstrap(): Promise<void> {
    return this.keyStore.start();
  }

  onModuleDestroy(): void {
    this.keyStore.stop();
  }
}

const keyStoreLogger = new Logger('SigningKeys');

/** Routine background refreshes (every 2 min) log at debug level, so a healthy service stays quiet. */
function logKeyStoreEvent(event: KeyStoreEvent): void {
  if (event.type === 'refreshed') {
    const message = `loaded ${event.keyCount} signing key(s) (${event.trigger})`;
    if (event.trigger === 'background') keyStoreLogger.debug(message);
    else keyStoreLogger.log(message);
  } else if (event.type === 'refresh-failed') {
    keyStoreLogger.warn(
      escapeControlCharacters(
        `JWKS fetch failed (${event.trigger}): ${event.error}; keeping ${event.keyCount} cached key(s)`,
      ),
    );
  }
}

const coreProviders: Provider[] = [
  {
    provide: RESOLVED_AUTH_OPTIONS,
    inject: [AUTH_MODULE_OPTIONS],
    useFactory: (options: AuthModuleOptions) => resolveAuthOptions(options),
  },
  {
    provide: BASE_CLAIM_POLICY,
    inject: [RESOLVED_AUTH_OPTIONS],
    useFactory: (options: ResolvedAuthOptions) => createBasePolicy(options),
  },
  {
    provide: JwksKeyStore,
    inject: [RESOLVED_AUTH_OPTIONS],
    useFactory: (options: ResolvedAuthOptions) => {
      const userHook = options.keys.onEvent;
      return new JwksKeyStore({
        ...options.keys,
        onEvent: (event) => {
          logKeyStoreEvent(event);
          userHook?.(event);
        },
      });
    },
  },
  {
    provide: BearerTokenVerifier,
    inject: [JwksKeyStore, RESOLVED_AUTH_OPTIONS],
    useFactory: (keys: JwksKeyStore, options: ResolvedAuthOptions) =>
      new BearerTokenVerifier(keys, { cacheMaxEntries: options.tokenCacheMaxEntries, now: options.keys.now }),
  },
  KeyStoreLifecycle,
  RoutePolicyRegistry,
  BearerAuthGuard,
  { provide: APP_FILTER, useClass: BearerAuthExceptionFilter },
];

// The verifier is exported because `@UseGuards(BearerAuthGuard)` builds the guard in the caller's module.
const exported = [
  RESOLVED_AUTH_OPTIONS,
  BASE_CLAIM_POLICY,
  JwksKeyStore,
  RoutePolicyRegistry,
  BearerTokenVerifier,
  BearerAuthGuard,
];

/**
 * Entra-style bearer authentication for a NestJS app (Express or Fastify): JWKS key store, token
 * verifier with a verified-token cache, the global guard with `@Public()`, `@Roles()`, `@AllowedClients()`, `@RequireClaims()`,
 * and RFC 6750 error responses. Global: `JwksKeyStore` (readiness) and the guard can be injected anywhere.
 *
 * @example AuthModule.forRoot(loadAuthEnv())
 * @example AuthModule.forRootAsync({ inject: [ConfigService], useFactory: (c) => c.get('auth') })
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return AuthModule.build([{ provide: AUTH_MODULE_OPTIONS, useValue: options }], [], options.globalGuard ?? true);
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    const optionsProvider: Provider = {
      provide: AUTH_MODULE_OPTIONS,
      inject: options.inject ?? [],
      useFactory: options.useFactory as (...args: unknown[]) => AuthModuleOptions | Promise<AuthModuleOptions>,
    };
    return AuthModule.build([optionsProvider], options.imports ?? [], options.globalGuard ?? true);
  }

  private static build(
    optionProviders: Provider[],
    imports: NonNullable<ModuleMetadata['imports']>,
    globalGuard: boolean,
  ): DynamicModule {
    const guard: Provider[] = globalGuard ? [{ provide: APP_GUARD, useExisting: BearerAuthGuard }] : [];
    return {
      module: AuthModule,
      global: true,
      imports: [DiscoveryModule, ...imports],
      providers: [...optionProviders, ...coreProviders, ...guard],
      exports: exported,
    };
  }
}
