/** Client secret check: constant-time comparison against every secret of the client app. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { expiredClientSecret, invalidClientSecret } from '../errors/catalogue';
import type { ClientApp } from '../registrations/registrations.schema';

/**
 * Accepts the secret when it equals one of the client's secrets that has not expired.
 * @throws AadstsError 7000222 when it matches only expired secrets, 7000215 when it matches none.
 */
export function verifyClientSecret(client: ClientApp, presented: string, now: Date): void {
  const presentedHash = sha256(presented);
  const matches = client.secrets.filter((secret) => timingSafeEqual(registeredHash(secret), presentedHash));
  if (matches.some((secret) => secret.expiresAt.getTime() > now.getTime())) return;
  if (matches.length > 0) throw expiredClientSecret(client.appId);
  throw invalidClientSecret(client.appId);
}

type RegisteredSecret = ClientApp['secrets'][number];

/** Hashes of the registered secrets, computed once per secret (registrations do not change while running). */
const registeredHashes = new WeakMap<RegisteredSecret, Buffer>();

function registeredHash(secret: RegisteredSecret): Buffer {
  let hash = registeredHashes.get(secret);
  if (!hash) registeredHashes.set(secret, (hash = sha256(secret.value)));
  return hash;
}

// Both sides are hashed so the comparison takes the same time whatever the lengths.
function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
