/**
 * Starts the local Entra-compatible identity service: dev certificates, registrations, client certificates,
 * signing keys, then NestJS on the Fastify adapter over HTTPS.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ensureDevCertificates } from '../certificates/dev-certificates';
import type { GeneratedClientCertificate } from '../certificates/client-certificates';
import { ClientCertificateRegistry } from '../client-auth/certificate-registry';
import { JtiReplayCache } from '../client-auth/jti-replay-cache';
import { ServiceUrls, type IssuerMode } from '../discovery/service-urls';
import { clientErrorHandler, frameworkErrorHandler } from '../http/framework-errors';
import { IdentityHttpModule } from '../http/identity-http.module';
import { PinoNestLogger } from '../http/nest-logger';
import { normaliseCorsOrigins, registerTokenEndpointCors } from '../http/token-cors';
import { checkPublishDelay } from '../keys/publish-delay';
import { rotateSigningKey } from '../keys/rotate-signing-key';
import { SigningKeyStore } from '../keys/signing-key-store';
import { ServiceCounters } from '../metrics/token-counters';
import { Directory } from '../registrations/directory';
import { loadRegistrations } from '../registrations/load-registrations';
import { parseRegistrations } from '../registrations/parse-registrations';
import type { Registrations } from '../registrations/registrations.schema';
import { ASSERTION_CLOCK_SKEW_SECONDS } from '../client-auth/verify-client-assertion';
import { TokenService } from '../tokens/token-service';
import { UserTokenService } from '../tokens/user-token-service';
import { AuthorizeService } from '../authorize/authorize-service';
import { UserFlowState } from '../authorize/user-flow-state';
import type { IdentityContext } from './identity-context';
import type { IdentityServer, StartIdentityServerOptions } from './identity-server';
import { createServiceLogger } from './logger';
import { scheduleKeyRotation } from './rotation-schedule';

/** Defaults of {@link StartIdentityServerOptions}. */
export const IDENTITY_DEFAULTS = {
  port: 5443,
  host: '127.0.0.1',
  issuerMode: 'local' as IssuerMode,
  /** Entra's `expires_in` for app tokens. */
  tokenLifetimeSeconds: 3599,
  /**
   * A new key is published this long before it signs (validators refresh their key cache in between); at least
   * `MIN_KEY_PUBLISH_DELAY_SECONDS` (180).
   */
  keyPublishDelaySeconds: 300,
};

const ROTATE_KEYS_HINT =
  'To make a compromised key stop signing now, call rotateKeys({ emergency: true }) (validators refuse the new kid until they refetch the JWKS).';

/**
 * Starts the identity service and resolves once it accepts HTTPS connections.
 * @throws RegistrationsError when registrations are invalid (every bad field named); Error when the port is taken or
 * an option is out of range (e.g. `keyPublishDelaySeconds` below `MIN_KEY_PUBLISH_DELAY_SECONDS`).
 */
export async function startIdentityServer(options: StartIdentityServerOptions): Promise<IdentityServer> {
  const logger = createServiceLogger(options.logger);
  const now = options.now ?? Date.now;
  const port = options.port ?? IDENTITY_DEFAULTS.port;
  const host = options.host ?? IDENTITY_DEFAULTS.host;
  const issuerMode = options.issuerMode ?? IDENTITY_DEFAULTS.issuerMode;
  const tokenLifetimeSeconds = positiveInteger(
    'tokenLifetimeSeconds',
    options.tokenLifetimeSeconds ?? IDENTITY_DEFAULTS.tokenLifetimeSeconds,
  );
  const keyPublishDelaySeconds = checkPublishDelay(
    'keyPublishDelaySeconds',
    options.keyPublishDelaySeconds ?? IDENTITY_DEFAULTS.keyPublishDelaySeconds,
  );

  const corsOrigins = options.corsOrigins ?? [];
  normaliseCorsOrigins(corsOrigins); // a bad origin stops start-up before anything is written

  const source = options.registrations ? 'the registrations option' : (options.registrationsPath ?? '');
  if (!options.registrations && !options.registrationsPath) {
    throw new Error('startIdentityServer needs registrationsPath (a JSON file) or registrations (an object).');
  }
  const registrations = options.registrations
    ? parseRegistrations(options.registrations, source)
    : await loadRegistrations(source);
  const directory = new Directory(registrations);

  const publicHost = options.publicUrl ? new URL(options.publicUrl).hostname.replace(/^\[|\]$/g, '') : undefined;
  const certs = await ensureDevCertificates(options.dataDir, { hosts: publicHost ? [publicHost] : [] });
  const certificates = await ClientCertificateRegistry.build(registrations, options.dataDir, source);
  const keys = await SigningKeyStore.open({
    dir: join(options.dataDir, 'identity'),
    // Retired keys stay published until every token they signed has expired (plus clock skew).
    retentionSeconds: tokenLifetimeSeconds + ASSERTION_CLOCK_SKEW_SECONDS,
    logger,
    now,
  });

  // The URLs are known once the server listens (port 0 lets the OS choose); no request arrives before that.
  const live: { urls?: ServiceUrls } = {};
  const counters = new ServiceCounters((identifier) => directory.findResource(identifier)?.api.appId);
  const replayCache = new JtiReplayCache(now);
  // Codes, sessions, consents and refresh tokens live in memory: a restart forgets them.
  const userFlowState = new UserFlowState(now);
  const userTokens = new UserTokenService({
    directory,
    state: userFlowState,
    keys,
    get urls() {
      return requireUrls(live.urls);
    },
    clientAuth: () => {
      const urls = requireUrls(live.urls);
      return {
        directory,
        certificates,
        replayCache,
        assertionAudiences: urls.assertionAudiences(registrations.tenant.id, registrations.tenant.domain),
        tenantName: registrations.tenant.displayName,
      };
    },
    tokenLifetimeSeconds,
    now,
  });
  const tokens = new TokenService({
    directory,
    keys,
    certificates,
    replayCache,
    userTokens,
    get urls() {
      return requireUrls(live.urls);
    },
    counters,
    tokenLifetimeSeconds,
    now,
  });
  const context: IdentityContext = {
    directory,
    keys,
    tokens,
    authorize: new AuthorizeService({ directory, state: userFlowState, now }),
    counters,
    get urls() {
      return requireUrls(live.urls);
    },
    logger,
    keyPublishDelaySeconds,
    now,
  };

  const adapter = new FastifyAdapter({
    https: { key: certs.serverKeyPem, cert: certs.serverCertPem },
    frameworkErrors: frameworkErrorHandler(logger, now),
    clientErrorHandler: clientErrorHandler(logger, now),
  });
  // SPA redirect URIs redeem codes cross-origin: their origins are allowed as Entra allows them.
  registerTokenEndpointCors(adapter.getInstance(), corsOrigins, spaRedirectOrigins(registrations));
  const app = await NestFactory.create<NestFastifyApplication>(IdentityHttpModule.forContext(context), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  await app.listen(port, host);
  const actualPort = (app.getHttpServer().address() as AddressInfo).port;
  const baseUrl = (options.publicUrl ?? `https://localhost:${actualPort}`).replace(/\/+$/, '');
  const liveUrls = new ServiceUrls(baseUrl, issuerMode);
  live.urls = liveUrls;

  const stopRotation = options.keyRotationIntervalSeconds
    ? scheduleKeyRotation({
        keys,
        intervalSeconds: positiveInteger('keyRotationIntervalSeconds', options.keyRotationIntervalSeconds),
        publishDelaySeconds: keyPublishDelaySeconds,
        logger,
        now,
      })
    : () => undefined;

  logger.info(
    { event: 'identity_started', url: baseUrl, tenant: registrations.tenant.id, issuerMode },
    'Identity service started',
  );

  let closing: Promise<void> | undefined;
  const generated = certificates.generated;
  return {
    url: baseUrl,
    port: actualPort,
    host,
    issuerMode,
    caCertPath: certs.caCertPath,
    caCertPem: certs.caCertPem,
    registrations,
    tenantId: registrations.tenant.id,
    knownAuthorities: [new URL(baseUrl).host],
    authority: (tenant = registrations.tenant.id) => liveUrls.authority(tenant),
    issuer: (version, tenantId = registrations.tenant.id) => liveUrls.issuer(version, tenantId),
    clientCertificate(name: string): GeneratedClientCertificate {
      const found = generated.get(name);
      if (!found) {
        throw new Error(
          `No generated client certificate named '${name}'. Generated: ${[...generated.keys()].join(', ') || 'none'}.`,
        );
      }
      return found;
    },
    rotateKeys: (rotation = {}) =>
      rotateSigningKey({ keys, logger, configuredDelaySeconds: keyPublishDelaySeconds }, rotation, ROTATE_KEYS_HINT),
    signingKey: () => {
      const key = keys.signingKey();
      return { kid: key.kid, x5t: key.x5t, privateKey: key.privateKey, certificatePem: key.certificatePem };
    },
    publishedKeyIds: () => keys.publishedKeys().map((key) => key.kid),
    tokenRequestCount: (filter) => counters.tokenRequestCount(filter),
    jwksRequestCount: () => counters.jwksRequestCount(),
    discoveryRequestCount: () => counters.discoveryRequestCount(),
    resetCounters: () => counters.reset(),
    close() {
      closing ??= (async () => {
        stopRotation();
        await app.close();
        logger.info({ event: 'identity_stopped' }, 'Identity service stopped');
      })();
      return closing;
    },
  };
}

/** Origins of every registered SPA redirect URI. */
function spaRedirectOrigins(registrations: Registrations): string[] {
  return registrations.clients.flatMap((client) => client.redirectUris.spa.map((uri) => new URL(uri).origin));
}

function requireUrls(urls: ServiceUrls | undefined): ServiceUrls {
  if (!urls) throw new Error('The identity service is not listening yet');
  return urls;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number of seconds, got ${value}.`);
  return value;
}
