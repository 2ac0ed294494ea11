/** Lower bound of a blob's TTL, so a blob with nearly expired tokens is not written only to vanish at once. */
const MIN_TTL_MS = 60_000;

/**
 * How long to keep a serialized msal cache: until its last access token expires, plus a minute. Tokens in the blob
 * are useless after that, so the key does not outlive them (Microsoft's sample uses a fixed 90 days).
 * @param blob msal's serialized cache (`{ AccessToken: { <key>: { expires_on: "<epoch seconds>" } } }`)
 * @param fallbackMs the TTL when the blob holds no access token or cannot be read
 */
export function blobTtlMs(blob: string, now: number, fallbackMs: number): number {
  let latestExpiry: number | undefined;
  try {
    const parsed = JSON.parse(blob) as { AccessToken?: Record<string, { expires_on?: string | number }> };
    for (const entry of Object.values(parsed.AccessToken ?? {})) {
      const expiresOn = Number(entry?.expires_on) * 1000;
      if (Number.isFinite(expiresOn)) latestExpiry = Math.max(latestExpiry ?? 0, expiresOn);
    }
  } catch {
    return fallbackMs;
  }
  if (latestExpiry === undefined) return fallbackMs;
  return Math.max(MIN_TTL_MS, latestExpiry - now + MIN_TTL_MS);
}
