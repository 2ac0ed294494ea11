/**
 * RSA-2048 signing keys (RS256), persisted under `<dataDir>/identity/` so tokens stay verifiable across restarts:
 * `signing-keys.json` lists the keys with their timestamps, `signing-keys/<kid>.key.pem` and `<kid>.cert.pem` hold
 * each private key and its self-signed certificate (published as `x5c`). The `kid` is the certificate's SHA-1
 * thumbprint in base64url, as in Entra (`kid` == `x5t`).
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createSelfSignedRsaCertificate } from '../certificates/generate';
import { thumbprintsOfDer } from '../certificates/thumbprints';
import { readFileIfExists, writeFileAtomic } from '../util/files';
import { keySchedule, type KeyTimes } from './key-schedule';
import type { PublishableKey } from './jwk';

/** A loaded signing key. */
export interface SigningKey extends KeyTimes, PublishableKey {
  readonly privateKey: KeyObject;
  readonly certificatePem: string;
}

/** Result of a rotation. */
export interface RotationResult {
  /** The new key's id. */
  readonly kid: string;
  /** When it starts signing (it is published immediately). */
  readonly activatesAt: Date;
}

/** Options of {@link SigningKeyStore.open}. */
export interface SigningKeyStoreOptions {
  /** `<dataDir>/identity`. */
  readonly dir: string;
  /** How long retired keys stay published, in seconds: the token lifetime plus clock skew. */
  readonly retentionSeconds: number;
  readonly logger: Logger;
  /** Clock in milliseconds; tests pass a fake one. */
  readonly now?: () => number;
}

interface ManifestEntry {
  kid: string;
  createdAt: string;
  activatesAt: string;
}

const KEY_CERT_YEARS = 5;
const KEY_CERT_NAME = 'localhost identity service token signing';

/** The set of signing keys with rotation. */
export class SigningKeyStore {
  private keys: SigningKey[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  private constructor(private readonly options: SigningKeyStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the keys from disk, creating the first key when there is none. */
  static async open(options: SigningKeyStoreOptions): Promise<SigningKeyStore> {
    const store = new SigningKeyStore(options);
    await store.load();
    if (store.keys.length === 0) await store.rotate({ publishDelaySeconds: 0 });
    else await store.prune();
    return store;
  }

  /** The key that signs tokens now. */
  signingKey(): SigningKey {
    return this.schedule().signing;
  }

  /** Keys to publish in the JWKS now (pending, signing, and retired keys whose tokens may still be valid). */
  publishedKeys(): SigningKey[] {
    return this.schedule().published;
  }

  /** Creation time of the newest key (ms), for scheduled rotation. */
  newestCreatedAt(): number {
    return Math.max(...this.keys.map((key) => key.createdAt));
  }

  /**
   * Creates a new key, published now and signing after `publishDelaySeconds`; drops keys past their retention.
   * Rotations run one at a time.
   */
  rotate(options: { publishDelaySeconds: number }): Promise<RotationResult> {
    const run = this.queue.then(() => this.createKey(options.publishDelaySeconds));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private schedule() {
    return keySchedule(this.keys, this.now(), this.options.retentionSeconds * 1000);
  }

  private get manifestPath(): string {
    return join(this.options.dir, 'signing-keys.json');
  }

  private keyPaths(kid: string) {
    const dir = join(this.options.dir, 'signing-keys');
    return { key: join(dir, `${kid}.key.pem`), cert: join(dir, `${kid}.cert.pem`) };
  }

  private async createKey(publishDelaySeconds: number): Promise<RotationResult> {
    const { certPem, keyPem } = await createSelfSignedRsaCertificate(KEY_CERT_NAME, KEY_CERT_YEARS * 365);
    const createdAt = this.now();
    const key = toSigningKey(certPem, keyPem, createdAt, createdAt + publishDelaySeconds * 1000);
    const paths = this.keyPaths(key.kid);
    await writeFileAtomic(paths.key, keyPem, 0o600);
    await writeFileAtomic(paths.cert, certPem);
    this.keys.push(key);
    await this.prune();
    this.options.logger.info(
      { event: 'signing_key_created', kid: key.kid, activatesAt: new Date(key.activatesAt).toISOString() },
      'Signing key created',
    );
    return { kid: key.kid, activatesAt: new Date(key.activatesAt) };
  }

  /** Forgets keys past their retention, deletes their files, and saves the manifest. */
  private async prune(): Promise<void> {
    const { discarded } = this.schedule();
    this.keys = this.keys.filter((key) => !discarded.includes(key));
    for (const key of discarded) {
      const paths = this.keyPaths(key.kid);
      await Promise.all([rm(paths.key, { force: true }), rm(paths.cert, { force: true })]);
      this.options.logger.info({ event: 'signing_key_discarded', kid: key.kid }, 'Retired signing key removed');
    }
    const manifest: ManifestEntry[] = this.keys.map((key) => ({
      kid: key.kid,
      createdAt: new Date(key.createdAt).toISOString(),
      activatesAt: new Date(key.activatesAt).toISOString(),
    }));
    await writeFileAtomic(this.manifestPath, JSON.stringify({ keys: manifest }, null, 2) + '\n');
  }

  private async load(): Promise<void> {
    const text = await readFileIfExists(this.manifestPath);
    if (!text) return;
    let entries: ManifestEntry[];
    try {
      entries = (JSON.parse(text) as { keys: ManifestEntry[] }).keys ?? [];
    } catch {
      this.options.logger.warn({ file: this.manifestPath }, 'Signing key manifest unreadable; creating a new key');
      return;
    }
    for (const entry of entries) {
      const paths = this.keyPaths(entry.kid);
      const [certPem, keyPem] = await Promise.all([readFileIfExists(paths.cert), readFileIfExists(paths.key)]);
      try {
        if (!certPem || !keyPem) throw new Error('files missing');
        const key = toSigningKey(certPem, keyPem, Date.parse(entry.createdAt), Date.parse(entry.activatesAt));
        if (key.kid !== entry.kid || Number.isNaN(key.createdAt + key.activatesAt))
          throw new Error('manifest mismatch');
        this.keys.push(key);
      } catch (error) {
        this.options.logger.warn(
          { kid: entry.kid, reason: (error as Error).message },
          'Skipping a signing key that cannot be loaded',
        );
      }
    }
  }
}

function toSigningKey(certPem: string, keyPem: string, createdAt: number, activatesAt: number): SigningKey {
  const certificate = new X509Certificate(certPem);
  const { x5t } = thumbprintsOfDer(certificate.raw);
  const privateKey = createPrivateKey(keyPem);
  return {
    kid: x5t,
    x5t,
    x5c: certificate.raw.toString('base64'),
    certificatePem: certPem,
    privateKey,
    publicKey: createPublicKey(privateKey),
    createdAt,
    activatesAt,
  };
}
