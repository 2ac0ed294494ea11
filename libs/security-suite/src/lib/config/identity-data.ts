/**
 * The local identity service's current signing key, read from its data folder (libs/identity-server
 * keys/signing-key-store.ts): `<dataDir>/identity/signing-keys.json` lists `{ kid, createdAt, activatesAt }`, and
 * `<dataDir>/identity/signing-keys/<kid>.key.pem` holds each private key. The key that signs now is the one that
 * activated last.
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrustedKey } from '../model';

interface ManifestEntry {
  readonly kid: string;
  readonly activatesAt: string;
}

export async function readIdentitySigningKey(dataDir: string, now = Date.now()): Promise<TrustedKey> {
  const manifestPath = join(dataDir, 'identity', 'signing-keys.json');
  let entries: ManifestEntry[];
  try {
    entries = (JSON.parse(await readFile(manifestPath, 'utf8')) as { keys?: ManifestEntry[] }).keys ?? [];
  } catch (error) {
    throw new Error(
      `Cannot read ${manifestPath} (${(error as Error).message}): --identity-data must be the identity service's data folder (IDENTITY_DATA_DIR, default .data), after it has started once.`,
    );
  }
  const ordered = entries
    .map((entry) => ({ kid: entry.kid, activatesAt: Date.parse(entry.activatesAt) }))
    .filter((entry) => typeof entry.kid === 'string' && Number.isFinite(entry.activatesAt))
    .sort((a, b) => a.activatesAt - b.activatesAt);
  const signing = ordered.filter((entry) => entry.activatesAt <= now).at(-1) ?? ordered[0];
  if (!signing) throw new Error(`${manifestPath} lists no signing key.`);
  const keyPath = join(dataDir, 'identity', 'signing-keys', `${signing.kid}.key.pem`);
  return { kid: signing.kid, privateKey: createPrivateKey(await readFile(keyPath, 'utf8')) };
}
