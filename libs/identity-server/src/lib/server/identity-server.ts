/** Public types of a running identity service. */
import type { KeyObject } from 'node:crypto';
import type { GeneratedClientCertificate } from '../certificates/client-certificates';
import type { IssuerMode } from '../discovery/service-urls';
import type { RotateKeysOptions } from '../keys/publish-delay';
import type { RotationResult } from '../keys/signing-key-store';
import type { TokenCountFilter } from '../metrics/token-counters';
import type { Registrations, RegistrationsInput } from '../registrations/registrations.schema';
import type { LoggerOption } from './logger';

/** Options of `startIdentityServer`. */
export interface StartIdentityServerOptions {
  /** Port to listen on; 0 picks a free one. Default 5443. */
  readonly port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  readonly host?: string;
  /** Runtime state folder, e.g. `<repo>/.data`: `certs/` (dev CA, server cert), `identity/` (signing keys), `clients/` (generated client certificates). */
  readonly dataDir: string;
  /** Registrations JSON file. One of `registrationsPath` or `registrations` is required. */
  readonly registrationsPath?: string;
  /** Registrations as an object instead of a file (validated the same way). */
  readonly registrations?: RegistrationsInput;
  /** `local` (default): issuers on this service's URL. `microsoft`: Microsoft's literal issuers in tokens and discovery. */
  readonly issuerMode?: IssuerMode;
  /** URL clients use, when not `https://localhost:<port>` (e.g. behind a container name); its host joins the server certificate. */
  readonly publicUrl?: string;
  /** Rotate the signing key automatically when the newest key is older than this. Default: no scheduled rotation. */
  readonly keyRotationIntervalSeconds?: number;
  /**
   * Delay between publishing a new key and signing with it, in seconds. Default 300; at least
   * `MIN_KEY_PUBLISH_DELAY_SECONDS` (180: validators' 120 s background refresh + 30 s unknown-kid cooldown + margin),
   * shorter delays are refused. Tests that need a new key at once rotate with `{ emergency: true }` or use `now`.
   */
  readonly keyPublishDelaySeconds?: number;
  /** Access token lifetime (`expires_in`). Default 3599. */
  readonly tokenLifetimeSeconds?: number;
  /** A pino logger, or the level for a new one. Default `info`. */
  readonly logger?: LoggerOption;
  /**
   * Browser origins allowed to call the token endpoints (v1 and v2) cross-origin, e.g. the gateway's developer
   * portal `http://localhost:8080`; `*` allows any. Each is scheme, host and port only. Allowed origins get
   * preflights answered (204) and `Access-Control-Allow-Origin` on every token response, AADSTS errors included;
   * others get no CORS headers. Discovery and JWKS allow any origin regardless. Default: none. apps/identity
   * reads it from `IDENTITY_CORS_ORIGINS` (comma-separated, default `http://localhost:8080`).
   */
  readonly corsOrigins?: readonly string[];
  /**
   * The service's clock in milliseconds since the epoch (default `Date.now`): one clock for the signing-key
   * schedule, scheduled rotation, token `iat`/`nbf`/`exp`, client secret expiry, client-assertion lifetime checks,
   * the `jti` replay cache and error timestamps. Tests pass a virtual clock to run the real publish delay.
   */
  readonly now?: () => number;
}

/** The current signing key, for tests that mint tokens the service's JWKS validates. */
export interface SigningKeyHandle {
  readonly kid: string;
  readonly x5t: string;
  readonly privateKey: KeyObject;
  readonly certificatePem: string;
}

/** A running identity service. */
export interface IdentityServer {
  /** Base URL, e.g. `https://localhost:5443`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly issuerMode: IssuerMode;
  /** The development CA that signed the HTTPS certificate (`<dataDir>/certs/ca.pem`) and its PEM. */
  readonly caCertPath: string;
  readonly caCertPem: string;
  /** Validated registrations (dates parsed). */
  readonly registrations: Registrations;
  readonly tenantId: string;
  /** For msal-node `knownAuthorities`: `['localhost:<port>']`. */
  readonly knownAuthorities: readonly string[];
  /** msal-node authority: `<url>/<tenant>` (default: the tenant id; a domain name works too). */
  authority(tenant?: string): string;
  /** Issuer of v1 (`'1.0'`) or v2 (`'2.0'`) tokens for the tenant (default: this tenant). */
  issuer(version: '1.0' | '2.0', tenantId?: string): string;
  /** A `generated` client certificate by name (files, PEMs, thumbprints for msal-node). */
  clientCertificate(name: string): GeneratedClientCertificate;
  /**
   * Rotates the signing key: published now, signing after `publishDelaySeconds` (default: the configured delay; at
   * least `MIN_KEY_PUBLISH_DELAY_SECONDS`), or at once with `{ emergency: true }` (logged as a warning).
   * @throws Error for a delay below the minimum, or `emergency` combined with `publishDelaySeconds`.
   */
  rotateKeys(options?: RotateKeysOptions): Promise<RotationResult>;
  /** The key that signs tokens now. */
  signingKey(): SigningKeyHandle;
  /** Key ids currently in the JWKS. */
  publishedKeyIds(): string[];
  /** Successful token issuances, optionally for one client and/or one API (scope, App ID URI or appId). */
  tokenRequestCount(filter?: TokenCountFilter): number;
  /** Requests served by the JWKS endpoints. */
  jwksRequestCount(): number;
  /** Requests served by the OpenID configuration endpoints. */
  discoveryRequestCount(): number;
  /** Sets all counters to zero. */
  resetCounters(): void;
  /** Stops listening and the rotation schedule. */
  close(): Promise<void>;
}
