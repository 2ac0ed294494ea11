import { createHmac, createSecretKey, generateKeyPairSync, sign } from 'node:crypto';
import { signatureVerifies } from './signature-check';

const input = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0';
const secret = createSecretKey(Buffer.alloc(32, 7));
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('signatureVerifies', () => {
  it('checks HS256/384/512 with a secret key, in constant time, and nothing else with it', () => {
    for (const [alg, digest] of [
      ['HS256', 'sha256'],
      ['HS384', 'sha384'],
      ['HS512', 'sha512'],
    ] as const) {
      const mac = createHmac(digest, secret).update(input).digest();
      expect(signatureVerifies(alg, secret, input, mac)).toBe(true);
      expect(signatureVerifies(alg, secret, `${input}.`, mac)).toBe(false);
      expect(signatureVerifies(alg, secret, input, mac.subarray(1))).toBe(false);
    }
    const mac = createHmac('sha256', secret).update(input).digest();
    for (const alg of ['RS256', 'none', 'hs256', '__proto__'])
      expect(signatureVerifies(alg, secret, input, mac)).toBe(false);
  });

  it('never uses a public key as an HMAC secret (key confusion)', () => {
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
    const forged = createHmac('sha256', pem).update(input).digest();
    expect(signatureVerifies('HS256', rsa.publicKey, input, forged)).toBe(false);
  });

  it('checks RS256 with a public key', () => {
    const signature = sign('sha256', Buffer.from(input), rsa.privateKey);
    expect(signatureVerifies('RS256', rsa.publicKey, input, signature)).toBe(true);
    expect(signatureVerifies('HS256', rsa.publicKey, input, signature)).toBe(false);
  });
});
