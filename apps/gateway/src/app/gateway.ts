import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { GatewayEnv } from '../config/gateway-env';
import { type GatewayServices, MemoryRateLimitStore, PolicyEngine } from '@stack/apim-policy';
import {
  createPolicyCache,
  createQuotaStore,
  ENTRA_AUTHORITY_ORIGIN,
  GatewayManagedIdentity,
  HostMap,
  OpenIdSigningKeys,
  readGatewayConfig,
  TelemetrySink,
  UndiciPolicyHttpClient,
} from '@stack/gateway-adapters';
import { BackendClient } from '../forwarding';
import { createGatewayRequestHandler } from './gateway-request-handler';
import { GatewayModule } from './gateway.module';
import { dispatchGatewayRequests } from './request-dispatch';
import { createGatewayLogger } from './logger';
import { AppNestLogger } from '@stack/app-logging';
import { portalOptionsFor } from './portal-options';
import { gatewayDoctor, setupDeveloperPortal } from '../portal';
import { checkReservedApiPaths } from './check-reserved-api-paths';

export interface CreateGatewayOptions {
  readonly env: GatewayEnv;
  /** Environment for `{ "env": … }` named values; default process.env. */
  readonly processEnv?: NodeJS.ProcessEnv;
  readonly logger?: Logger;
  /** `false` silences NestJS's own log lines; by default they go to `logger` ({@link AppNestLogger}). */
  readonly nestLogger?: false;
  readonly now?: () => number;
}

/**
 * Builds the gateway without listening: reads and compiles config/gateway/ (any error stops here,
 * naming file and line), then wires the pipeline, the forwarder and the developer portal into a
 * NestJS app on Express with no body parser (bodies are streamed to the backend).
 */
export async function createGateway(options: CreateGatewayOptions): Promise<NestExpressApplication> {
  const { env } = options;
  const logger = options.logger ?? createGatewayLogger(env.logLevel);
  const now = options.now ?? Date.now;
  const definition = readGatewayConfig(env.configDir, options.processEnv ?? process.env);
  checkReservedApiPaths(definition.apis);
  const quotas = await createQuotaStore({ redisUrl: env.quotaRedisUrl, logger, now });

  const hostMap = new HostMap(env.entraAuthorityHost ? { [ENTRA_AUTHORITY_ORIGIN]: env.entraAuthorityHost } : {});
  const signingKeys = new OpenIdSigningKeys({
    hostMap,
    now,
    // A routine background refresh (every 2 min) is debug: a healthy gateway stays quiet.
    onEvent: (event) =>
      event.type === 'refreshed' && event.trigger === 'background'
        ? logger.debug({ keyStore: event }, 'signing keys')
        : logger.info({ keyStore: event }, 'signing keys'),
  });
  const policyHttp = new UndiciPolicyHttpClient({ connectTimeoutMs: env.backendConnectTimeoutMs });
  const cache = createPolicyCache({ redisUrl: env.cacheRedisUrl, maxEntries: env.cacheMaxEntries, logger });
  const telemetry = new TelemetrySink(logger, env.telemetryFile);
  const managedIdentity = new GatewayManagedIdentity({
    authority: `${env.entraAuthorityHost ?? ENTRA_AUTHORITY_ORIGIN}/${env.managedIdentity.tenantId}`,
    clientId: env.managedIdentity.clientId,
    clientSecret: env.managedIdentity.clientSecret,
    logger,
  });
  const services: GatewayServices = {
    namedValues: definition.namedValues,
    rateLimits: new MemoryRateLimitStore(now),
    signingKeys,
    tokenCacheMaxEntries: env.tokenCacheMaxEntries,
    openApiDocuments: definition.openApiDocuments,
    now,
    http: policyHttp,
    cache,
    telemetry,
    quotas,
    managedIdentity,
    fragments: definition.policies.fragments,
  };
  const entra =
    env.entraIssuerMode === 'local' && env.entraAuthorityHost
      ? { authorityHost: env.entraAuthorityHost, v1IssuerHost: env.entraAuthorityHost }
      : {};
  const engine = new PolicyEngine(definition, { services, entra });
  const backend = new BackendClient({
    connectTimeoutMs: env.backendConnectTimeoutMs,
    responseHeadersTimeoutMs: env.backendTimeoutMs,
    bodyTimeoutMs: env.backendTimeoutMs,
  });
  const handler = createGatewayRequestHandler({ engine, backend, logger });

  const app = await NestFactory.create<NestExpressApplication>(GatewayModule, {
    bodyParser: false,
    logger: options.nestLogger ?? new AppNestLogger(logger),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  dispatchGatewayRequests(app.getHttpServer(), handler);
  // The token doctor page reads the same loaded policies and the same signing keys as the pipeline (decision 016).
  const doctor = gatewayDoctor({ definition, signingKeys, entra, now });
  setupDeveloperPortal(app, { ...portalOptionsFor(definition, env), doctor: { doctor, now } });
  // Nest's app is a proxy whose set trap only reads (an assignment to app.close is lost) and whose get trap calls
  // app.close lazily, so take Nest's own close from the prototype and define the override on the app itself.
  const nestClose = (Object.getPrototypeOf(app) as NestExpressApplication).close;
  const close = () => nestClose.call(app);
  Object.defineProperty(app, 'close', {
    configurable: true,
    value: async () => {
      await close();
      signingKeys.close();
      await backend.close();
      await quotas.close?.();
      await managedIdentity.close();
      await Promise.all([policyHttp.close(), cache.close?.(), telemetry.close()]);
    },
  });
  return app;
}

/** A listening gateway. */
export interface RunningGateway {
  readonly app: NestExpressApplication;
  /** e.g. `http://127.0.0.1:8080` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Creates and starts the gateway on `env.host:env.port` (port 0: a free port). */
export async function startGateway(options: CreateGatewayOptions): Promise<RunningGateway> {
  const app = await createGateway(options);
  await app.listen(options.env.port, options.env.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = options.env.host.includes(':') ? `[${options.env.host}]` : options.env.host;
  return { app, url: `http://${host}:${port}`, port, close: () => app.close() };
}
