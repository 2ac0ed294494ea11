import { JwksClient } from 'jwks-rsa';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createJwksFetcher, type JwksFetcher } from './fetch-jwks';
import { IdentityProviderUnavailableError, JwksFetchError, UnknownSigningKeyError } from './key-store-errors';

/**
 * Signing keys of one identity provider, following Microsoft's key-rollover guidance
 * (entra-docs `signing-key-rollover.md`):
 *
 * - keys are cached by `kid` as parsed `KeyObject`s (parsed once per key set, never per request); a hit
 *   never does I/O;
 * - a background refresh runs every `refreshIntervalMs` (timer unref'd, so it never keeps the process alive);
 * - an unknown `kid` triggers a fetch on the request path, but at most once per `cooldownMs`,
 *   and only one fetch runs at a time (concurrent callers share it);
 * - when a fetch fails the last-known-good keys stay in use, for at most `maxKeyAgeMs` after the last
 *   successful fetch;
 * - a successful fetch replaces the whole set: a key the provider stopped publishing (e.g. an emergency
 *   rotation after a compromise) stops being trusted at the next refresh.
 *
 * Why not jwks-rsa's own `cache`/`rateLimit`: its cache memoizes `getSigningKey(kid)` per kid for 10 min
 * with no background refresh (a latency spike at every expiry), its rate limiter is a token bucket
 * (10 fetches/min) rather than "one fetch per cooldown", failed lookups are not cached (every random
 * `kid` costs a JWKS GET), concurrent lookups of different kids fetch in parallel, and its stale-if-error
 * fallback is opt-in per kid. So we use jwks-rsa only for what it does well, turning the JWKS document into
 * PEM public keys (`getSigningKeys()`, `use: sig` filtering, JWK import via jose), and keep our own per-kid map.
 * The rules left open by the guidance are recorded in docs/decisions/004-signing-keys-and-bearer-denials.md.
 */
export interface JwksKeyStoreOptions {
  /** Tenant-specific JWKS URL, e.g. `https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys`. */
  readonly jwksUri: string;
  /** Minimum time between two fetches triggered by unknown kids. Default 30 s (see JWKS_KEY_STORE_DEFAULTS). */
  readonly cooldownMs?: number;
  /** Background refresh period. Default 120 s (see JWKS_KEY_STORE_DEFAULTS). */
  readonly refreshIntervalMs?: number;
  /** How long last-known-good keys are used after the last successful fetch. Default 24 h. */
  readonly maxKeyAgeMs?: number;
  /** Timeout of one JWKS request. Default 5 s. */
  readonly timeoutMs?: number;
  /** Most keys kept from one JWKS document (Microsoft: room for 10 to 1000). Default 100. */
  readonly maxKeys?: number;
  /** Replaces the HTTP fetch (the default uses the global `fetch`). */
  readonly fetcher?: JwksFetcher;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
  /** Schedules the next background refresh; returns a cancel function. Injectable for tests. */
  readonly schedule?: (run: () => void, delayMs: number) => () => void;
  /** Observability hook: refreshes, failures, and the use of stale keys. Must not throw. */
  readonly onEvent?: (event: KeyStoreEvent) => void;
}

/** What the store reports through `onEvent` (for logs and metrics; never contains key material). */
export type KeyStoreEvent =
  | {
      readonly type: 'refreshed';
      readonly keyCount: number;
      readonly trigger: RefreshTrigger;
    }
  | {
      readonly type: 'refresh-failed';
      readonly error: string;
      readonly trigger: RefreshTrigger;
      readonly keyCount: number;
    }
  | {
      readonly type: 'unknown-kid-throttled';
      readonly retryAfterSeconds: number;
    };

/** Why a fetch ran. */
export type RefreshTrigger = 'start' | 'background' | 'unknown-kid' | 'manual';

/** A point-in-time view of the store, for readiness probes and diagnostics. */
export interface KeyStoreStatus {
  /** True once keys are loaded and still within `maxKeyAgeMs`. */
  readonly ready: boolean;
  readonly keyCount: number;
  readonly kids: readonly string[];
  readonly jwksUri: string;
  readonly lastSuccessAt?: number;
  readonly lastAttemptAt?: number;
  readonly lastError?: string;
}

/**
 * Defaults chosen so that a key rotation cannot race (docs/decisions/008): an identity provider that
 * publishes a new key N seconds before signing with it (the local identity service: 300 s, at least
 * 180 s) is picked up by the background refresh before its first token, and even a validator that
 * missed it refetches on the unknown `kid` well inside N. Microsoft's guidance (24 h keys, hourly
 * refresh, 5 min cooldown) assumes Entra's weeks of pre-publication; a JWKS GET every 2 min is cheap.
 */
export const JWKS_KEY_STORE_DEFAULTS = {
  cooldownMs: 30_000,
  refreshIntervalMs: 120_000,
  maxKeyAgeMs: 24 * 60 * 60_000,
  timeoutMs: 5_000,
  maxKeys: 100,
} as const;
const defaults = JWKS_KEY_STORE_DEFAULTS;

/** Retry soon after a failure, but never hammer the provider faster than this. */
const minRetryDelayMs = 1_000;

/** `kid` values we are willing to look up: printable ASCII, bounded length (RFC 8725 §3.10). */
const usableKid = /^[\x21-\x7e]{1,256}$/;

function defaultSchedule(run: () => void, delayMs: number): () => void {
  const timer = setTimeout(run, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
}

/** See {@link JwksKeyStoreOptions} for the rollover rules this store follows. */
export class JwksKeyStore {
  private readonly options: Required<Omit<JwksKeyStoreOptions, 'fetcher' | 'onEvent'>> &
    Pick<JwksKeyStoreOptions, 'onEvent'>;
  private readonly client: JwksClient;
  private keys = new Map<string, PublishedKey>();
  private keySetVersion = 0;
  private lastSuccessAt?: number;
  private lastAttemptAt?: number;
  private lastError?: string;
  private inflight?: Promise<void>;
  private cancelTimer?: () => void;
  private stopped = true;

  constructor(options: JwksKeyStoreOptions) {
    this.options = {
      cooldownMs: options.cooldownMs ?? defaults.cooldownMs,
      refreshIntervalMs: options.refreshIntervalMs ?? defaults.refreshIntervalMs,
      maxKeyAgeMs: options.maxKeyAgeMs ?? defaults.maxKeyAgeMs,
      timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
      maxKeys: options.maxKeys ?? defaults.maxKeys,
      now: options.now ?? Date.now,
      schedule: options.schedule ?? defaultSchedule,
      jwksUri: options.jwksUri,
      onEvent: options.onEvent,
    };
    // jwks-rsa's cache and rate limiter wrap getSigningKey() only; we call getSigningKeys(), so they are
    // off either way. Turned off explicitly to make that visible.
    this.client = new JwksClient({
      jwksUri: options.jwksUri,
      cache: false,
      rateLimit: false,
      fetcher: options.fetcher ?? createJwksFetcher(this.options.timeoutMs),
    });
  }

  /** Loads the keys and starts the background refresh. Never rejects: a failed load leaves `ready` false. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.fetch('start');
  }

  /** Stops the background refresh. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  /** True when keys are loaded and not older than `maxKeyAgeMs`: the service can validate tokens. */
  get ready(): boolean {
    this.dropExpiredKeys();
    return this.keys.size > 0;
  }

  /** Diagnostics for readiness endpoints and logs. */
  status(): KeyStoreStatus {
    const ready = this.ready;
    return {
      ready,
      keyCount: this.keys.size,
      kids: [...this.keys.keys()],
      jwksUri: this.options.jwksUri,
      lastSuccessAt: this.lastSuccessAt,
      lastAttemptAt: this.lastAttemptAt,
      lastError: this.lastError,
    };
  }

  /**
   * The public key for `kid`, parsed once when its key set was fetched.
   * @throws UnknownSigningKeyError when the provider does not publish that kid (fresh JWKS, or one
   *   fetched within the cooldown), or the kid is not a usable string.
   * @throws IdentityProviderUnavailableError when the kid is not cached and the JWKS cannot be fetched.
   */
  async getKeyObject(kid: string): Promise<KeyObject> {
    return (await this.getPublishedKey(kid)).key;
  }

  /** The PEM text of the public key for `kid` (same rules and errors as {@link getKeyObject}). */
  async getKey(kid: string): Promise<string> {
    return (await this.getPublishedKey(kid)).pem;
  }

  /** The cached key for `kid`, without I/O: the hot path of every request once keys are loaded. */
  peekKey(kid: string): KeyObject | undefined {
    return this.cachedKey(kid)?.key;
  }

  /**
   * Changes whenever the set of trusted keys changes (a rotation, a key withdrawn, keys expired): caches
   * of verified tokens compare it to drop what was verified with a key that is no longer trusted.
   */
  get version(): number {
    this.dropExpiredKeys();
    return this.keySetVersion;
  }

  private async getPublishedKey(kid: string): Promise<PublishedKey> {
    if (!usableKid.test(kid)) throw new UnknownSigningKeyError(kid, 'The token header has an unusable kid.');
    const cached = this.cachedKey(kid);
    if (cached) return cached;

    if (this.inflight) {
      await this.inflight;
    } else {
      const waitMs = this.cooldownRemainingMs();
      if (waitMs > 0) return this.afterThrottled(kid, waitMs);
      await this.fetch('unknown-kid');
    }
    const fetched = this.cachedKey(kid);
    if (fetched) return fetched;
    if (this.lastError !== undefined) throw this.unavailable();
    throw new UnknownSigningKeyError(kid);
  }

  /** Fetches the JWKS now (joining a fetch already running). Never rejects. */
  refresh(): Promise<void> {
    return this.fetch('manual');
  }

  private cachedKey(kid: string): PublishedKey | undefined {
    this.dropExpiredKeys();
    return this.keys.get(kid);
  }

  /** Within the cooldown: answer from what the last attempt told us, without touching the network. */
  private afterThrottled(kid: string, waitMs: number): never {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    this.emit({ type: 'unknown-kid-throttled', retryAfterSeconds });
    if (this.lastError !== undefined) throw this.unavailable(waitMs);
    throw new UnknownSigningKeyError(kid);
  }

  private unavailable(waitMs = this.cooldownRemainingMs()): IdentityProviderUnavailableError {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new IdentityProviderUnavailableError(retryAfterSeconds, this.options.jwksUri, this.lastError ?? 'unknown');
  }

  private cooldownRemainingMs(): number {
    if (this.lastAttemptAt === undefined) return 0;
    return Math.max(0, this.lastAttemptAt + this.options.cooldownMs - this.options.now());
  }

  private dropExpiredKeys(): void {
    if (this.lastSuccessAt === undefined || this.keys.size === 0) return;
    if (this.options.now() - this.lastSuccessAt > this.options.maxKeyAgeMs) this.replaceKeys(new Map());
  }

  /** Single flight: every caller during a fetch shares the same promise. */
  private fetch(trigger: RefreshTrigger): Promise<void> {
    this.inflight ??= this.load(trigger).finally(() => {
      this.inflight = undefined;
      this.scheduleNext();
    });
    return this.inflight;
  }

  private async load(trigger: RefreshTrigger): Promise<void> {
    this.lastAttemptAt = this.options.now();
    try {
      const signingKeys = await this.client.getSigningKeys();
      const next = new Map<string, PublishedKey>();
      for (const key of signingKeys) {
        // Tokens must name their key; a JWK without kid could never be selected safely.
        if (typeof key.kid !== 'string' || !usableKid.test(key.kid)) continue;
        if (next.size >= this.options.maxKeys) break;
        const published = this.parsed(key.kid, key.getPublicKey());
        if (published) next.set(key.kid, published);
      }
      if (next.size === 0) throw new JwksFetchError('the JWKS document has no RSA/EC signing key with a kid');
      this.replaceKeys(next);
      this.lastSuccessAt = this.options.now();
      this.lastError = undefined;
      this.emit({ type: 'refreshed', keyCount: next.size, trigger });
    } catch (error) {
      this.lastError = describe(error);
      this.emit({
        type: 'refresh-failed',
        error: this.lastError,
        trigger,
        keyCount: this.keys.size,
      });
    }
  }

  /** Reuses the parsed key when the material is unchanged; a key Node cannot parse is skipped. */
  private parsed(kid: string, pem: string): PublishedKey | undefined {
    const previous = this.keys.get(kid);
    if (previous?.pem === pem) return previous;
    try {
      return { pem, key: createPublicKey(pem) };
    } catch {
      return undefined;
    }
  }

  /** Installs a new key set; the version moves only when a kid or its key material changed. */
  private replaceKeys(next: Map<string, PublishedKey>): void {
    const same = next.size === this.keys.size && [...next].every(([kid, key]) => this.keys.get(kid)?.pem === key.pem);
    this.keys = next;
    if (!same) this.keySetVersion += 1;
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    const { refreshIntervalMs, cooldownMs } = this.options;
    // After a failure retry sooner than the regular period, so the service recovers with the provider.
    const delay =
      this.lastError === undefined
        ? refreshIntervalMs
        : Math.min(refreshIntervalMs, Math.max(cooldownMs, minRetryDelayMs));
    this.cancelTimer = this.options.schedule(() => void this.fetch('background'), delay);
  }

  private emit(event: KeyStoreEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // An observer must never break key handling.
    }
  }
}

/** One published key: its PEM (for callers that need text) and the parsed key used to verify. */
interface PublishedKey {
  readonly pem: string;
  readonly key: KeyObject;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error && cause.message ? `: ${cause.message}` : '';
    return `${error.message}${detail}`;
  }
  return String(error);
}
