import type { ConfidentialClientApplication } from '@azure/msal-node';
import { abortableSleep } from './abortable-sleep';
import { MemoryTokenCache } from './cache/memory-token-cache';
import { partitionKey, tokenLockKey, type TokenCacheStore } from './cache/token-cache-store';
import { CounterSet, type TokenProviderCounters } from './counters';
import type { ClientCredential } from './credentials';
import { TokenErrorCodes, TokenProviderOptionsError, TokenRequestError } from './errors';
import { holdToken, type HeldToken } from './held-token';
import { defaultLogger, type TokenCacheLogger } from './logger';
import { parseAuthority, type ParsedAuthority } from './msal/authority';
import { classifyMsalError, type ClassifiedFailure } from './msal/classify-error';
import { createClientApplication } from './msal/client-application';
import { hintFor } from './msal/error-hints';
import { TokenEndpointHttpClient } from './msal/token-endpoint-http-client';
import { retryDelay } from './retry/backoff';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry/retry-policy';
import { SingleFlight } from './single-flight';

/** Options of a {@link TokenProvider}: one client in one tenant. */
export interface TokenProviderOptions {
  /** `https://login.microsoftonline.com/<tenant id>`, or the local identity service's `https://localhost:5443/<tenant id>`. */
  readonly authority: string;
  /** The client (application) id of the calling app registration. */
  readonly clientId: string;
  /** `{ clientSecret }` or `{ certificate: { thumbprintSha256, privateKey } }` (see `readCertificateCredential`). */
  readonly credential: ClientCredential;
  /** Hosts msal may trust without asking Microsoft's instance discovery; default the authority's own host. */
  readonly knownAuthorities?: readonly string[];
  /** Where tokens are cached and token requests serialized; default a {@link MemoryTokenCache} of this provider's own. */
  readonly cache?: TokenCacheStore;
  /** Retry policy for network errors, 429 and 5xx; see {@link DEFAULT_RETRY_OPTIONS}. */
  readonly retry?: Partial<RetryOptions>;
  /** Fraction of a token's lifetime after which it is refreshed in the background, in (0, 1); default 0.8. */
  readonly refreshAheadRatio?: number;
  /** Timeout of one HTTP request to the identity provider; default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Default pino. Logs carry client id, scope, status and codes, never secrets or tokens. */
  readonly logger?: TokenCacheLogger;
}

/** A token from {@link TokenProvider.getToken}. */
export interface AccessTokenResult {
  /** The bearer token for the `Authorization` header. Never log it. */
  readonly accessToken: string;
  /** When the token expires. */
  readonly expiresOn: Date;
  /** `true` when no token request was made for this call (memory or shared cache). */
  readonly fromCache: boolean;
}

/** A token from one acquisition through msal. */
interface Acquired extends AccessTokenResult {
  readonly refreshOn?: Date;
}

// setTimeout takes at most a signed 32-bit number of ms (about 24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Shortest wait before retrying a failed background refresh. */
const REFRESH_RETRY_MIN_MS = 100;

/**
 * Client-credentials tokens for one client in one tenant, over one msal-node `ConfidentialClientApplication`.
 * It closes the gaps msal-node leaves for daemons (entra.md §6, security.md §4):
 * - concurrent calls for the same scope share one acquisition (single-flight);
 * - tokens are refreshed in the background before they expire, so callers never wait on a refresh;
 * - network errors, 429 and 5xx are retried with capped exponential backoff and full jitter, always honouring
 *   `Retry-After`; other errors (`invalid_client` ...) fail at once with their AADSTS code;
 * - with a shared {@link TokenCacheStore} (Redis), replicas share tokens and take turns requesting them.
 *
 * Create one per (authority, client id) and keep it for the life of the process.
 */
export class TokenProvider {
  private readonly authority: ParsedAuthority;
  private readonly clientId: string;
  private readonly partition: string;
  private readonly cache: TokenCacheStore;
  private readonly retry: RetryOptions;
  private readonly refreshAheadRatio: number;
  private readonly logger: TokenCacheLogger;
  private readonly http: TokenEndpointHttpClient;
  private readonly msal: ConfidentialClientApplication;
  private readonly counterSet = new CounterSet();
  private readonly held = new Map<string, HeldToken>();
  /** Tokens the caller reported as rejected, so the next acquisition does not return them again. */
  private readonly rejected = new Map<string, HeldToken>();
  private readonly refreshTimers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new SingleFlight<string, AccessTokenResult>();
  private readonly closing = new AbortController();

  constructor(options: TokenProviderOptions) {
    if (!options || typeof options.clientId !== 'string' || options.clientId.trim() === '') {
      throw new TokenProviderOptionsError(
        'clientId is required: the application (client) id of the calling app registration.',
      );
    }
    this.authority = parseAuthority(options.authority);
    this.clientId = options.clientId;
    this.partition = partitionKey(this.clientId, this.authority.tenantId);
    this.cache = options.cache ?? new MemoryTokenCache();
    this.retry = validRetryOptions({ ...DEFAULT_RETRY_OPTIONS, ...options.retry });
    this.refreshAheadRatio = options.refreshAheadRatio ?? 0.8;
    if (!(this.refreshAheadRatio > 0 && this.refreshAheadRatio < 1)) {
      throw new TokenProviderOptionsError(
        `refreshAheadRatio must be between 0 and 1 (exclusive), got ${options.refreshAheadRatio}.`,
      );
    }
    this.logger = options.logger ?? defaultLogger();
    this.http = new TokenEndpointHttpClient({
      timeoutMs: options.requestTimeoutMs ?? 10_000,
      onTokenRequest: () => (this.counterSet.tokenRequests += 1),
    });
    this.msal = createClientApplication({
      authority: this.authority,
      clientId: this.clientId,
      credential: options.credential,
      knownAuthorities: options.knownAuthorities,
      networkClient: this.http,
      cachePlugin: this.cache.cachePlugin(this.partition),
      logger: this.logger,
    });
  }

  /**
   * Returns a token for `scope` (e.g. `api://<api app id>/.default`): from memory when one is held and not close to
   * expiry, otherwise from one acquisition shared by every concurrent caller.
   * @throws {TokenRequestError} when no token could be obtained; `code` is the AADSTS code or a `TokenErrorCodes` value
   */
  async getToken(scope: string): Promise<AccessTokenResult> {
    if (typeof scope !== 'string' || scope.trim() === '') {
      throw new TokenProviderOptionsError('getToken(scope) needs a scope, e.g. api://<api app id>/.default.');
    }
    this.assertOpen();
    const held = this.held.get(scope);
    const now = Date.now();
    if (held && now < held.usableUntil) {
      this.counterSet.hits += 1;
      // Normally the timer has started the refresh already; this covers a timer delayed by a busy event loop.
      if (now >= held.refreshAt) this.refreshInBackground(scope);
      return { accessToken: held.accessToken, expiresOn: new Date(held.expiresOn), fromCache: true };
    }
    this.counterSet.misses += 1;
    return this.inFlight.run(scope, () => this.acquire(scope, held ?? this.rejected.get(scope)));
  }

  /**
   * Forgets the token held for `scope`, for when an API answered 401 `invalid_token`: the next `getToken(scope)`
   * fetches a new token instead of returning the same one from msal's or the shared cache.
   */
  invalidate(scope: string): void {
    const held = this.held.get(scope);
    if (held) this.rejected.set(scope, held);
    this.held.delete(scope);
    this.clearRefreshTimer(scope);
  }

  /** A snapshot of the counters: hits, misses, shared-cache hits, token requests, refreshes, retries, fallbacks. */
  counters(): TokenProviderCounters {
    return this.counterSet.snapshot(this.cache.fallbacks);
  }

  /**
   * Stops background refreshes and makes waiting calls fail with `TOKEN_PROVIDER_CLOSED`. The cache store is not
   * closed: it may be shared; close it yourself if you created it.
   */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort(this.closedError());
    for (const scope of [...this.refreshTimers.keys()]) this.clearRefreshTimer(scope);
  }

  /**
   * One acquisition, under the store's lock so replicas sharing the cache take turns. The cache is read first: another
   * replica may have stored a token meanwhile. A token no newer than `stale` (the one being refreshed or rejected) is
   * not accepted; then a new one is requested, bypassing the cache.
   */
  private async acquire(scope: string, stale: HeldToken | undefined): Promise<AccessTokenResult> {
    const result = await this.cache.runExclusive(tokenLockKey(this.partition, scope), async () => {
      const cached = await this.withRetries(scope, false);
      if (!stale || cached.expiresOn.getTime() > stale.expiresOn) return cached;
      return this.withRetries(scope, true);
    });
    if (result.fromCache) this.counterSet.sharedCacheHits += 1;
    this.hold(scope, result);
    return { accessToken: result.accessToken, expiresOn: result.expiresOn, fromCache: result.fromCache };
  }

  /** Calls msal, retrying network errors, 429 and 5xx with backoff and never before `Retry-After`. */
  private async withRetries(scope: string, skipCache: boolean): Promise<Acquired> {
    for (let attempt = 1; ; attempt += 1) {
      this.assertOpen();
      let failure: ClassifiedFailure;
      try {
        return await this.acquireOnce(scope, skipCache);
      } catch (error) {
        failure = classifyMsalError(error, this.http.lastMetadataFailure);
      }
      const waitTooLong = failure.retryAfterMs !== undefined && failure.retryAfterMs > this.retry.maxRetryAfterMs;
      if (!failure.retryable || attempt >= this.retry.maxAttempts || waitTooLong) {
        throw this.finalError(scope, failure, attempt, waitTooLong);
      }
      const delayMs = retryDelay(attempt - 1, failure.retryAfterMs, this.retry);
      this.counterSet.retries += 1;
      this.logger.warn(
        { clientId: this.clientId, scope, attempt, status: failure.status, code: failure.code, delayMs },
        'token request failed; retrying',
      );
      await abortableSleep(delayMs, this.closing.signal);
    }
  }

  private async acquireOnce(scope: string, skipCache: boolean): Promise<Acquired> {
    const result = await this.msal.acquireTokenByClientCredential({ scopes: [scope], skipCache });
    if (!result || !result.accessToken || !result.expiresOn) {
      throw new TokenRequestError(`msal-node returned no token for scope '${scope}'.`, {
        code: TokenErrorCodes.rejected,
        retryable: false,
        attempts: 1,
      });
    }
    return {
      accessToken: result.accessToken,
      expiresOn: result.expiresOn,
      fromCache: result.fromCache,
      refreshOn: result.refreshOn,
    };
  }

  private hold(scope: string, token: Acquired): void {
    const held = holdToken(token.accessToken, token.expiresOn.getTime(), token.refreshOn?.getTime(), {
      refreshAheadRatio: this.refreshAheadRatio,
    });
    this.held.set(scope, held);
    this.rejected.delete(scope);
    this.scheduleRefresh(scope, held.refreshAt);
  }

  private scheduleRefresh(scope: string, at: number): void {
    this.clearRefreshTimer(scope);
    if (this.closing.signal.aborted) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now()));
    // unref: a pending refresh must not keep the process alive.
    const timer = setTimeout(() => this.refreshInBackground(scope), delay).unref();
    this.refreshTimers.set(scope, timer);
  }

  private clearRefreshTimer(scope: string): void {
    clearTimeout(this.refreshTimers.get(scope));
    this.refreshTimers.delete(scope);
  }

  /** Starts a refresh nobody waits for; on failure the held token keeps being served and the refresh is retried. */
  private refreshInBackground(scope: string): void {
    const held = this.held.get(scope);
    if (!held || this.closing.signal.aborted || this.inFlight.has(scope)) return;
    this.clearRefreshTimer(scope);
    this.counterSet.refreshes += 1;
    this.inFlight
      .run(scope, () => this.acquire(scope, held))
      .catch((error: unknown) => {
        if (this.closing.signal.aborted || this.held.get(scope) !== held) return;
        const failure = error instanceof TokenRequestError ? error : undefined;
        const remaining = held.expiresOn - Date.now();
        // Try again after about the longest backoff delay (or Retry-After), while the held token is still served.
        const delayMs = Math.max(
          failure?.retryAfterMs ?? 0,
          REFRESH_RETRY_MIN_MS,
          Math.round(this.retry.maxDelayMs * (0.5 + Math.random() / 2)),
        );
        this.logger.warn(
          { clientId: this.clientId, scope, code: failure?.code, status: failure?.status, retryInMs: delayMs },
          'background token refresh failed; serving the current token until it expires',
        );
        if (remaining > 0) this.scheduleRefresh(scope, Date.now() + delayMs);
      });
  }

  private finalError(
    scope: string,
    failure: ClassifiedFailure,
    attempts: number,
    waitTooLong: boolean,
  ): TokenRequestError {
    const code = waitTooLong ? TokenErrorCodes.throttled : failure.code;
    const what = [failure.error, failure.status ? `HTTP ${failure.status}` : undefined].filter(Boolean).join(', ');
    const after = attempts > 1 ? ` after ${attempts} attempts` : '';
    const description = failure.description.includes(code) ? failure.description : `${code}: ${failure.description}`;
    const hint = waitTooLong
      ? `The identity provider asked to wait ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s; try again after that.`
      : hintFor(failure.code);
    const message =
      `Token request for client '${this.clientId}' and scope '${scope}' failed${after}` +
      `${what ? ` (${what})` : ''}: ${sentence(description)}${hint ? ` Fix: ${hint}` : ''}`;
    return new TokenRequestError(message, {
      code,
      error: failure.error,
      status: failure.status,
      retryable: failure.retryable,
      attempts,
      retryAfterMs: failure.retryAfterMs,
      correlationId: failure.correlationId,
    });
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw this.closedError();
  }

  private closedError(): TokenRequestError {
    return new TokenRequestError(`The token provider for client '${this.clientId}' is closed.`, {
      code: TokenErrorCodes.closed,
      retryable: false,
      attempts: 0,
    });
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function validRetryOptions(options: RetryOptions): RetryOptions {
  for (const [name, value] of Object.entries(options)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TokenProviderOptionsError(`retry.${name} must be a number >= 0, got ${String(value)}.`);
    }
  }
  if (options.maxAttempts < 1) throw new TokenProviderOptionsError('retry.maxAttempts must be at least 1.');
  return options;
}
