import { JWKS_KEY_STORE_DEFAULTS, JwksKeyStore, UnknownSigningKeyError, type KeyStoreEvent } from '@stack/nest-auth';
import type { KeyObject } from 'node:crypto';
import type { HostMap } from './host-map';
import { describeFailure, KeyResolutionError, type SigningKeyResolver } from '@stack/apim-policy';
import { readBoundedText } from './read-bounded-text';

/**
 * Timing, decided against APIM's own (apim.md §1.3: configuration pulled every hour; after an unknown `kid`
 * or a failed retrieval, at most once per 5 min):
 * - the discovery document (issuer, jwks_uri) is cached an hour as in APIM: it names where the keys are and
 *   hardly ever changes;
 * - the keys themselves follow nest-auth's JwksKeyStore defaults (`JWKS_KEY_STORE_DEFAULTS`: background refresh
 *   120 s, unknown-kid cooldown 30 s), not APIM's 5 min. The stack's identity service publishes a new key at
 *   least 180 s before signing with it, sized for validators on those defaults; with APIM's 5 min the gateway
 *   would refuse freshly rotated tokens that protected-api, behind it, accepts;
 * - a failed discovery fetch is retried after the same cooldown, so a transient failure (e.g. the gateway
 *   started before the identity service) refuses tokens for 30 s, not 5 min.
 */
const discoveryTtlMs = 60 * 60 * 1000;
const maxDiscoveryBytes = 256 * 1024;

interface Discovery {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly fetchedAt: number;
}

/** What is known about one discovery URL: the last good document, the fetch running now, the last failure. */
interface DiscoveryState {
  document?: Discovery;
  pending?: Promise<Discovery>;
  failure?: { readonly at: number; readonly error: KeyResolutionError };
}

export interface OpenIdSigningKeysOptions {
  readonly hostMap: HostMap;
  /** Timeout of one discovery or JWKS request. Default 5 s. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly onEvent?: (event: KeyStoreEvent & { readonly jwksUri: string }) => void;
  /**
   * Milliseconds between unknown-kid JWKS refetches, and before a failed discovery fetch is retried.
   * Default: the key store's (`JWKS_KEY_STORE_DEFAULTS.cooldownMs`, 30 s).
   */
  readonly cooldownMs?: number;
}

/**
 * {@link SigningKeyResolver} over OpenID discovery: one discovery document per URL (cached an hour,
 * one fetch at a time), one nest-auth `JwksKeyStore` per `jwks_uri` (background refresh, unknown
 * `kid` refetched at most once per cooldown, last-known-good keys kept while the IdP is down).
 *
 * Every failure, whatever the provider did (refused the connection, timed out, answered 500, HTML,
 * a body without end, a document of the wrong shape), rejects with a {@link KeyResolutionError}:
 * validate-jwt answers its documented failure, never a 500.
 */
export class OpenIdSigningKeys implements SigningKeyResolver {
  private readonly discoveries = new Map<string, DiscoveryState>();
  private readonly stores = new Map<string, Promise<JwksKeyStore>>();
  private readonly loadedStores = new Set<JwksKeyStore>();
  private readonly now: () => number;
  private readonly discoveryRetryMs: number;

  constructor(private readonly options: OpenIdSigningKeysOptions) {
    this.now = options.now ?? Date.now;
    this.discoveryRetryMs = options.cooldownMs ?? JWKS_KEY_STORE_DEFAULTS.cooldownMs;
  }

  async issuerOf(openIdConfigUrl: string): Promise<string> {
    return (await this.discovery(openIdConfigUrl)).issuer;
  }

  async keyOf(openIdConfigUrl: string, kid: string): Promise<KeyObject> {
    const { jwksUri } = await this.discovery(openIdConfigUrl);
    const store = await this.store(jwksUri);
    try {
      // Parsed once per key set by the store: no PEM parsing per request.
      return store.peekKey(kid) ?? (await store.getKeyObject(kid));
    } catch (error) {
      const code = error instanceof UnknownSigningKeyError ? 'ERR_KEY_NOT_FOUND' : 'ERR_IDP_UNAVAILABLE';
      throw new KeyResolutionError(describeFailure(error), code);
    }
  }

  /** Moves whenever any JWKS this resolver holds changes its keys (sum of the stores' versions, each monotonic). */
  get version(): number {
    let version = 0;
    for (const store of this.loadedStores) version += store.version;
    return version;
  }

  close(): void {
    for (const store of this.stores.values())
      void store.then(
        (s) => s.stop(),
        () => undefined,
      );
    this.stores.clear();
    this.loadedStores.clear();
  }

  /**
   * The document for `url`, cached for an hour. An expired document keeps serving while one fetch runs in
   * the background, and after that fetch failed (the provider is down: last-known-good). Without any document,
   * requests share one fetch; after it failed they fail at once for `discoveryRetryMs` instead of each waiting
   * for a provider that is down.
   */
  private discovery(url: string): Promise<Discovery> {
    let state = this.discoveries.get(url);
    if (!state) {
      state = {};
      this.discoveries.set(url, state);
    }
    const now = this.now();
    const retrySoon = state.failure !== undefined && now - state.failure.at < this.discoveryRetryMs;
    if (state.document) {
      if (now - state.document.fetchedAt > discoveryTtlMs && !state.pending && !retrySoon) {
        this.refetch(url, state).catch(() => undefined); // a failure is remembered in state.failure
      }
      return Promise.resolve(state.document);
    }
    if (state.pending) return state.pending;
    if (state.failure && retrySoon) return Promise.reject(state.failure.error);
    return this.refetch(url, state);
  }

  private refetch(url: string, state: DiscoveryState): Promise<Discovery> {
    const pending = this.fetchDiscovery(url).then(
      (document) => {
        state.document = document;
        state.failure = undefined;
        return document;
      },
      (error: unknown) => {
        const failure = new KeyResolutionError(
          `the OpenID configuration ${url} cannot be fetched: ${describeFailure(error)}`,
          'ERR_IDP_UNAVAILABLE',
        );
        state.failure = { at: this.now(), error: failure };
        if (state.document) return state.document;
        throw failure;
      },
    );
    state.pending = pending;
    const clear = () => {
      if (state.pending === pending) state.pending = undefined;
    };
    pending.then(clear, clear);
    return pending;
  }

  private async fetchDiscovery(url: string): Promise<Discovery> {
    const target = this.options.hostMap.resolve(url);
    const response = await fetch(target, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      redirect: 'error',
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${target} answered HTTP ${response.status}`);
    }
    const text = await readBoundedText(response, maxDiscoveryBytes, `the document at ${target}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${target} did not answer JSON`);
    }
    const { issuer, jwks_uri: jwksUri } = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    if (typeof issuer !== 'string' || issuer === '' || typeof jwksUri !== 'string') {
      throw new Error(`${target} has no issuer or jwks_uri string`);
    }
    return { issuer, jwksUri: this.jwksUriOf(jwksUri, target), fetchedAt: this.now() };
  }

  /** Only http(s) JWKS URLs are fetched, mapped like the discovery URL. */
  private jwksUriOf(jwksUri: string, target: string): string {
    let parsed: URL;
    try {
      parsed = new URL(jwksUri);
    } catch {
      throw new Error(`${target} names a jwks_uri that is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new Error(`${target} names a jwks_uri that is not http(s)`);
    }
    return this.options.hostMap.resolve(parsed.href);
  }

  private store(jwksUri: string): Promise<JwksKeyStore> {
    let store = this.stores.get(jwksUri);
    if (!store) {
      const keyStore = new JwksKeyStore({
        jwksUri,
        timeoutMs: this.options.timeoutMs,
        cooldownMs: this.options.cooldownMs,
        now: this.options.now,
        onEvent: this.options.onEvent && ((event) => this.options.onEvent?.({ ...event, jwksUri })),
      });
      this.loadedStores.add(keyStore);
      store = keyStore.start().then(() => keyStore);
      this.stores.set(jwksUri, store);
    }
    return store;
  }
}
