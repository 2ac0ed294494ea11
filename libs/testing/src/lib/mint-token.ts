/**
 * Signs arbitrary JWTs for negative tests: any header, any claims (or a raw payload string), any algorithm, with a
 * test-only key no JWKS publishes, a key you give (e.g. the identity service's own `signingKey()`), an HMAC
 * secret, or no signature at all (`alg: none`).
 */
import {
  constants,
  createHash,
  createHmac,
  createPrivateKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
  type JsonWebKey,
} from 'node:crypto';

/** A private key, optionally with the `kid` to put in the header. */
export interface MintingKey {
  readonly privateKey: KeyObject | string;
  readonly kid?: string;
}

/** Options of {@link mintToken}. */
export interface MintTokenOptions {
  /**
   * Signing key: a {@link MintingKey} (e.g. `identity.signingKey()`), a KeyObject or PEM private key, or bytes /
   * a string secret for HS*. Default: {@link testSigningKey}, which no identity service publishes.
   */
  readonly key?: MintingKey | KeyObject | Uint8Array;
  /** Default RS256 (HS256 when `key` is bytes). `none` gives an unsigned token. */
  readonly alg?: string;
  /** Header fields merged over `{ typ: 'JWT', alg, kid }`; set a field to `undefined` to drop it. */
  readonly header?: Record<string, unknown>;
  /** Add `iat`/`nbf` (now) and `exp` (now + `expiresInSeconds`) when the claims lack them. Default true. */
  readonly timestamps?: boolean;
  /** Lifetime used by `timestamps`. Default 3600. */
  readonly expiresInSeconds?: number;
}

/** The test-only RSA key pair used when no key is given. */
export interface TestSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Public JWK with `kid`, `use`, `alg`: serve it from a fake JWKS to make tokens "valid". */
  readonly publicJwk: JsonWebKey & { kid: string; use: 'sig'; alg: 'RS256' };
}

let testKey: TestSigningKey | undefined;

/** The RSA-2048 key {@link mintToken} signs with by default (created once per process). */
export function testSigningKey(): TestSigningKey {
  if (!testKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const kid = `test-${createHash('sha256').update(String(jwk.n)).digest('base64url').slice(0, 16)}`;
    testKey = { kid, privateKey, publicKey, publicJwk: { ...jwk, kid, use: 'sig', alg: 'RS256' } };
  }
  return testKey;
}

/**
 * Builds and signs a JWT.
 * @param claims the payload; a string is used verbatim (e.g. invalid JSON).
 */
export function mintToken(claims: Record<string, unknown> | string, options: MintTokenOptions = {}): string {
  const { key, kid } = resolveKey(options.key);
  const alg = options.alg ?? (key instanceof Uint8Array ? 'HS256' : 'RS256');
  const header = dropUndefined({ typ: 'JWT', alg, kid, ...options.header });
  const payload = typeof claims === 'string' ? claims : JSON.stringify(withTimestamps(claims, options));
  const input = `${base64url(JSON.stringify(header))}.${base64url(payload)}`;
  return `${input}.${signature(input, alg, key)}`;
}

function resolveKey(option: MintTokenOptions['key']): { key: KeyObject | Uint8Array; kid?: string } {
  if (option === undefined) {
    const own = testSigningKey();
    return { key: own.privateKey, kid: own.kid };
  }
  if (option instanceof Uint8Array) return { key: option };
  if ('privateKey' in option) {
    const privateKey = typeof option.privateKey === 'string' ? createPrivateKey(option.privateKey) : option.privateKey;
    return { key: privateKey, kid: option.kid };
  }
  return { key: option };
}

function withTimestamps(claims: Record<string, unknown>, options: MintTokenOptions): Record<string, unknown> {
  if (options.timestamps === false) return claims;
  const now = Math.floor(Date.now() / 1000);
  return { iat: now, nbf: now, exp: now + (options.expiresInSeconds ?? 3600), ...claims };
}

function signature(input: string, alg: string, key: KeyObject | Uint8Array): string {
  if (alg === 'none') return '';
  const match = /^(RS|PS|ES|HS)(256|384|512)$/.exec(alg);
  if (!match) throw new Error(`mintToken cannot sign with alg '${alg}'; use RS*, PS*, ES*, HS* or none.`);
  const [, family, bits] = match;
  const hash = `sha${bits}`;
  const data = Buffer.from(input);
  if (family === 'HS') {
    const secret = key instanceof Uint8Array ? key : key.export({ format: 'pem', type: 'pkcs8' });
    return createHmac(hash, secret).update(data).digest('base64url');
  }
  if (key instanceof Uint8Array) throw new Error(`alg ${alg} needs a private key, not bytes.`);
  if (family === 'PS') {
    return sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 }).toString(
      'base64url',
    );
  }
  if (family === 'ES') return sign(hash, data, { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return sign(hash, data, key).toString('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function dropUndefined(header: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(header).filter(([, value]) => value !== undefined));
}
