/** A token the provider holds in memory for one scope, with the times that drive refresh and expiry. */
export interface HeldToken {
  readonly accessToken: string;
  /** Expiry as msal computed it (request time + `expires_in`), ms since the epoch. */
  readonly expiresOn: number;
  /** When to start the background refresh, ms since the epoch. */
  readonly refreshAt: number;
  /** After this the token is not handed out any more: it might expire before the API checks it. */
  readonly usableUntil: number;
}

/** When refreshes and expiry happen, relative to a token's remaining lifetime. */
export interface RefreshTiming {
  /** Fraction of the remaining lifetime after which the background refresh starts, in (0, 1); default 0.8. */
  readonly refreshAheadRatio: number;
}

/** msal's own early-expiry margin (`DEFAULT_TOKEN_RENEWAL_OFFSET_SEC`): no token is handed out closer to expiry. */
const MAX_EXPIRY_MARGIN_MS = 300_000;
/** Up to this fraction of the lifetime is taken off the refresh time, so replicas do not refresh in step. */
const REFRESH_JITTER = 0.05;

/**
 * Computes the refresh and expiry times of a freshly acquired token: refresh at `refreshAheadRatio` of its remaining
 * lifetime (minus a little jitter) or at msal's `refreshOn` (the server's `refresh_in`), whichever is earlier; hand
 * it out until 5 minutes (at most 10% of its lifetime) before it expires.
 */
export function holdToken(
  accessToken: string,
  expiresOn: number,
  refreshOn: number | undefined,
  timing: RefreshTiming,
  now: number = Date.now(),
  random: () => number = Math.random,
): HeldToken {
  const lifetime = Math.max(0, expiresOn - now);
  const usableUntil = expiresOn - Math.min(MAX_EXPIRY_MARGIN_MS, lifetime * 0.1);
  let refreshAt = now + lifetime * (timing.refreshAheadRatio - REFRESH_JITTER * timing.refreshAheadRatio * random());
  if (refreshOn !== undefined && refreshOn > now) refreshAt = Math.min(refreshAt, refreshOn);
  return { accessToken, expiresOn, refreshAt: Math.min(refreshAt, usableUntil), usableUntil };
}
