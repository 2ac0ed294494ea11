/**
 * Everything the user flows remember, in memory only: pending sign-ins, browser sessions, consents given on the
 * consent page, authorization codes (one-time, 10 minutes) and refresh tokens (rotated on every use). A restart
 * forgets all of it: users sign in again, and clients holding a code or refresh token get invalid_grant.
 */
import type { EndpointVersion } from '../discovery/service-urls';
import type { RedirectPlatform } from '../registrations/registrations.schema';
import { BoundedStore } from './bounded-store';
import type { OidcScope } from './scope-request';

/** Delegated scopes granted for one API (values as the API defines them). */
export interface GrantedResource {
  readonly apiAppId: string;
  readonly requestedAs: string;
  readonly values: readonly string[];
}

/** A validated authorization request waiting for the user (sign-in, then consent). */
export interface PendingAuthorization {
  readonly endpoint: EndpointVersion;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly platform: RedirectPlatform;
  readonly responseMode: ResponseMode;
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  readonly prompt?: Prompt;
  readonly loginHint?: string;
  readonly oidc: readonly OidcScope[];
  readonly resources: readonly GrantedResource[];
  /** Set once the user picked an account. */
  userObjectId?: string;
}

export type ResponseMode = 'query' | 'fragment' | 'form_post';
export type Prompt = 'login' | 'none' | 'consent' | 'select_account';

/** What a code is bound to. */
export interface AuthorizationCodeGrant {
  readonly endpoint: EndpointVersion;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly platform: RedirectPlatform;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  readonly nonce?: string;
  readonly userObjectId: string;
  readonly oidc: readonly OidcScope[];
  readonly resources: readonly GrantedResource[];
  /** Seconds since the epoch. */
  readonly authTime: number;
}

/** What a refresh token stands for. */
export interface RefreshTokenGrant {
  readonly clientId: string;
  readonly platform: RedirectPlatform;
  readonly userObjectId: string;
  readonly oidc: readonly OidcScope[];
  readonly authTime: number;
  /** Milliseconds since the epoch: SPA refresh tokens keep the first one's 24 h deadline across rotations. */
  readonly absoluteExpiry: number;
  /** When the first refresh token of this chain was issued (ms). */
  readonly chainIssuedAt: number;
}

/** Entra's authorization codes live about 10 minutes. */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** A sign-in page stays usable this long. */
export const PENDING_LIFETIME_MS = 15 * 60_000;
/** Browser session on the identity service (the sign-in cookie). */
export const SESSION_LIFETIME_MS = 8 * 3600_000;
/** SPA refresh tokens: fixed 24 h, not extended by rotation. */
export const SPA_REFRESH_LIFETIME_MS = 24 * 3600_000;
/** Other refresh tokens: Entra's default inactivity lifetime, 90 days. */
export const REFRESH_LIFETIME_MS = 90 * 24 * 3600_000;
/** A used (rotated) refresh token is remembered this long so that its reuse is named as such. */
const USED_MEMORY_MS = 24 * 3600_000;

const MAX_ENTRIES = 10_000;

export class UserFlowState {
  readonly pending: BoundedStore<PendingAuthorization>;
  /** Session id (cookie) → user object id. */
  readonly sessions: BoundedStore<string>;
  readonly codes: BoundedStore<AuthorizationCodeGrant>;
  /** Codes already redeemed (AADSTS54005 on reuse). */
  readonly redeemedCodes: BoundedStore<true>;
  readonly refreshTokens: BoundedStore<RefreshTokenGrant>;
  /** Refresh tokens exchanged already (rotation): reuse is refused with AADSTS70008. */
  readonly usedRefreshTokens: BoundedStore<true>;
  /** `<user>|<client>|<api>` → scope values the user consented to on the consent page. */
  private readonly consents = new Map<string, Set<string>>();

  constructor(now: () => number) {
    this.pending = new BoundedStore(now, MAX_ENTRIES);
    this.sessions = new BoundedStore(now, MAX_ENTRIES);
    this.codes = new BoundedStore(now, MAX_ENTRIES);
    this.redeemedCodes = new BoundedStore(now, MAX_ENTRIES);
    this.refreshTokens = new BoundedStore(now, MAX_ENTRIES * 10);
    this.usedRefreshTokens = new BoundedStore(now, MAX_ENTRIES * 10);
    this.usedMemoryMs = USED_MEMORY_MS;
  }

  readonly usedMemoryMs: number;

  /** Records the user's consent on the consent page. */
  recordConsent(user: string, client: string, api: string, values: readonly string[]): void {
    const key = consentKey(user, client, api);
    const set = this.consents.get(key) ?? new Set<string>();
    for (const value of values) set.add(value.toLowerCase());
    this.consents.set(key, set);
  }

  /** True when the user consented to `value` for this client and API on the consent page. */
  hasConsent(user: string, client: string, api: string, value: string): boolean {
    return this.consents.get(consentKey(user, client, api))?.has(value.toLowerCase()) ?? false;
  }
}

function consentKey(user: string, client: string, api: string): string {
  return `${user}|${client}|${api}`.toLowerCase();
}
