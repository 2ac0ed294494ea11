import type { Claims, VerifiedHeader } from '../model';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';

/** A token whose signature checked out: what the claim rules decide on. */
export interface VerifiedToken {
  readonly header: VerifiedHeader & { readonly kid: string };
  readonly claims: Claims;
}

interface Entry<T> {
  readonly verified: T;
  /** `exp` in ms: the entry is useless after it (the rules would refuse the token anyway). */
  readonly expiresAt: number;
  /** The key store's version when the signature was checked: a changed key set drops the entry. */
  readonly keySetVersion: number;
}

/**
 * Tokens whose signature was verified, so a client that sends the same token again skips the RSA
 * verify (the dominant cost of a request). Only the signature is cached: the route's policy
 * (lifetime, issuer, audience, roles) is still decided on every request. Keyed by SHA-256 of the
 * token: tokens are canonical (one spelling each, decision 008), so a key cannot be reached through
 * another spelling, and the cache holds 43-byte keys instead of kilobyte tokens. Bounded by
 * `maxEntries` (least recently used out first), by each token's `exp`, and by the key set: an entry
 * verified with a key the provider no longer publishes is never served.
 */
export class VerifiedTokenCache<T extends { readonly claims: Claims } = VerifiedToken> {
  private readonly entries: LRUCache<string, Entry<T>>;

  constructor(
    maxEntries: number,
    private readonly now: () => number,
  ) {
    this.entries = new LRUCache<string, Entry<T>>({ max: maxEntries });
  }

  get(token: string, keySetVersion: number): T | undefined {
    const key = hashOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.keySetVersion !== keySetVersion || this.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.verified;
  }

  /** Remembers a verified token until its `exp`; tokens without a numeric `exp` are not kept. */
  set(token: string, verified: T, keySetVersion: number): void {
    const exp = verified.claims['exp'];
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return;
    const expiresAt = exp * 1000;
    if (expiresAt <= this.now()) return;
    // Frozen: every later request with this token shares the object, so no handler may change it.
    deepFreeze(verified);
    this.entries.set(hashOf(token), { verified, expiresAt, keySetVersion });
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Depth is bounded: tokens nest at most 16 levels (parseCompactJws). */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

function hashOf(token: string): string {
  return createHash('sha256').update(token, 'latin1').digest('base64url');
}
