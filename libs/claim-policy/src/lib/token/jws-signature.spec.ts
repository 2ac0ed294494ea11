import { generateKeyPairSync, sign, constants, type KeyObject } from 'node:crypto';
import { isVerifiableAlgorithm, verifyJwsSignature } from './jws-signature';

const input = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0';
const data = Buffer.from(input);
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });

describe('verifyJwsSignature', () => {
  it('verifies RS256/384/512 with the RSA public key and refuses another key', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const [alg, digest] of [
      ['RS256', 'sha256'],
      ['RS384', 'sha384'],
      ['RS512', 'sha512'],
    ] as const) {
      const signature = sign(digest, data, rsa.privateKey);
      expect(verifyJwsSignature(alg, rsa.publicKey, input, signature)).toBe(true);
      expect(verifyJwsSignature(alg, other.publicKey, input, signature)).toBe(false);
      expect(verifyJwsSignature(alg, rsa.publicKey, `${input}x`, signature)).toBe(false);
    }
  });

  it('verifies PS256 only with PSS padding', () => {
    const pss = sign('sha256', data, {
      key: rsa.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
    expect(verifyJwsSignature('PS256', rsa.publicKey, input, pss)).toBe(true);
    expect(verifyJwsSignature('RS256', rsa.publicKey, input, pss)).toBe(false);
  });

  it('verifies ES256 (IEEE P1363 signatures) only on its own curve', () => {
    const signature = sign('sha256', data, { key: ec256.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verifyJwsSignature('ES256', ec256.publicKey, input, signature)).toBe(true);
    expect(verifyJwsSignature('ES384', ec384.publicKey, input, signature)).toBe(false);
    expect(verifyJwsSignature('ES256', ec256.publicKey, input, Buffer.alloc(64))).toBe(false);
  });

  it.each<[string, () => KeyObject]>([
    ['an EC key for RS256', () => ec256.publicKey],
    ['a private key', () => rsa.privateKey],
    ['a 1024-bit RSA key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey],
  ])('refuses %s', (_case, key) => {
    const signature = sign('sha256', data, rsa.privateKey);
    expect(verifyJwsSignature('RS256', key(), input, signature)).toBe(false);
  });

  it('never verifies HMAC or unknown algorithms, and never throws on garbage signatures', () => {
    for (const alg of ['HS256', 'none', 'rs256', 'RSA-SHA256', '__proto__', 'constructor']) {
      expect(isVerifiableAlgorithm(alg)).toBe(false);
      expect(verifyJwsSignature(alg, rsa.publicKey, input, sign('sha256', data, rsa.privateKey))).toBe(false);
    }
    for (const signature of [Buffer.alloc(0), Buffer.alloc(1), Buffer.alloc(1000, 0xff)]) {
      expect(verifyJwsSignature('RS256', rsa.publicKey, input, signature)).toBe(false);
      expect(verifyJwsSignature('ES256', ec256.publicKey, input, signature)).toBe(false);
    }
  });
});
