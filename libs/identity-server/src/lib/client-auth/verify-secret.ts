/** Client secret check: constant-time comparison against every secret of the client app. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { expiredClientSecret, invalidClientSecret } from '../errors/catalogue';
import type { ClientApp } from '../registrations/registrations.schema';

/**
 * Accepts the secret when it equals one of the client's secrets that has not expired.
 * @throws AadstsError 7000222 when it matches only expired secrets, 7000215 when it matches none.
 */
export function verifyClientSecret(client: ClientApp, presented: string, now: Date): void {
  const matches = client.secrets.filter((secret) => sameSecret(secret.value, presented));
  if (matches.some((secret) => secret.expiresAt.getTime() > now.getTime())) return;
  if (matches.length > 0) throw expiredClientSecret(client.appId);
  throw invalidClientSecret(client.appId);
}

function sameSecret(expected: string, presented: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
