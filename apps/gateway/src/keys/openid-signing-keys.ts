import { JwksKeyStore, type KeyStoreEvent } from '@stack/nest-auth';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { HostMap } from './host-map';
import type { SigningKeyResolver } from './signing-key-resolver';

/** APIM: configuration "is pulled from the endpoint every 1 hour and cached" (apim.md §1.3). */
const discoveryTtlMs = 60 * 60 * 1000;
/** A failed discovery fetch is retried on the next request after this long (APIM: at most once per 5 min). */
const discoveryRetryMs = 5 * 60 * 1000;
const maxDiscoveryBytes = 256 * 1024;

interface Discovery {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly fetchedAt: number;
}

export interface OpenIdSigningKeysOptions {
  readonly hostMap: HostMap;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly onEvent?: (event: KeyStoreEvent & { readonly jwksUri: string }) => void;
  /** Seconds between unknown-kid refetches (default: the key store's, 5 min as APIM). */
  readonly cooldownMs?: number;
}

/**
 * {@link SigningKeyResolver} over OpenID discovery: one discovery document per URL (cached an hour,
 * one fetch at a time), one nest-auth `JwksKeyStore` per `jwks_uri` (background refresh, unknown
 * `kid` refetched at most once per cooldown, last-known-good keys kept while the IdP is down).
 */
export class OpenIdSigningKeys implements SigningKeyResolver {
  private readonly discoveries = new Map<string, Promise<Discovery>>();
  private readonly stores = new Map<string, Promise<JwksKeyStore>>();
  private readonly publicKeys = new Map<string, KeyObject>();
  private readonly now: () => number;

  constructor(private readonly options: OpenIdSigningKeysOptions) {
    this.now = options.now ?? Date.now;
  }

  async issuerOf(openIdConfigUrl: string): Promise<string> {
    return (await this.discovery(openIdConfigUrl)).issuer;
  }

  async keyOf(openIdConfigUrl: string, kid: string): Promise<KeyObject> {
    const { jwksUri } = await this.discovery(openIdConfigUrl);
    const store = await this.store(jwksUri);
    const pem = await store.getKey(kid);
    let key = this.publicKeys.get(pem);
    if (!key) {
      key = createPublicKey(pem);
      this.publicKeys.set(pem, key);
    }
    return key;
  }

  close(): void {
    for (const store of this.stores.values())
      void store.then(
        (s) => s.stop(),
        () => undefined,
      );
    this.stores.clear();
  }

  private discovery(url: string): Promise<Discovery> {
    const cached = this.discoveries.get(url);
    if (cached) {
      return cached.then((discovery) =>
        this.now() - discovery.fetchedAt > discoveryTtlMs ? this.refetch(url, discovery) : discovery,
      );
    }
    return this.refetch(url);
  }

  /** One fetch at a time per URL; a failure is kept for the retry interval, a stale document while it fails. */
  private refetch(url: string, stale?: Discovery): Promise<Discovery> {
    const attemptedAt = this.now();
    const pending = this.fetchDiscovery(url).catch((error: Error) => {
      if (stale) return { ...stale, fetchedAt: attemptedAt - discoveryTtlMs + discoveryRetryMs };
      setTimeout(() => {
        if (this.discoveries.get(url) === pending) this.discoveries.delete(url);
      }, discoveryRetryMs).unref();
      throw error;
    });
    this.discoveries.set(url, pending);
    return pending;
  }

  private async fetchDiscovery(url: string): Promise<Discovery> {
    const target = this.options.hostMap.resolve(url);
    const response = await fetch(target, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      redirect: 'error',
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`the OpenID configuration ${target} answered HTTP ${response.status}`);
    if (text.length > maxDiscoveryBytes) throw new Error(`the OpenID configuration ${target} is larger than 256 KB`);
    const body = JSON.parse(text) as { issuer?: unknown; jwks_uri?: unknown };
    if (typeof body.issuer !== 'string' || typeof body.jwks_uri !== 'string') {
      throw new Error(`the OpenID configuration ${target} has no issuer or jwks_uri`);
    }
    return { issuer: body.issuer, jwksUri: this.options.hostMap.resolve(body.jwks_uri), fetchedAt: this.now() };
  }

  private store(jwksUri: string): Promise<JwksKeyStore> {
    let store = this.stores.get(jwksUri);
    if (!store) {
      const keyStore = new JwksKeyStore({
        jwksUri,
        timeoutMs: this.options.timeoutMs,
        cooldownMs: this.options.cooldownMs,
        onEvent: this.options.onEvent && ((event) => this.options.onEvent?.({ ...event, jwksUri })),
      });
      store = keyStore.start().then(() => keyStore);
      this.stores.set(jwksUri, store);
    }
    return store;
  }
}
