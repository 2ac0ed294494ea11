import { createSecretKey } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { mintToken, testSigningKey } from './mint-token';
import { startIdentity } from './start-identity';

const part = (token: string, index: number) =>
  JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8'));

it('signs with the test key by default, adding iat/nbf/exp, verifiable with its public JWK', async () => {
  const token = mintToken({ aud: 'x', roles: ['A'] });
  const jwks = createLocalJWKSet({ keys: [testSigningKey().publicJwk as JWK] });
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { audience: 'x' });
  expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'RS256', kid: testSigningKey().kid });
  expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
});

it('keeps any header and the claims exactly when timestamps are off', () => {
  const token = mintToken(
    { sub: 's' },
    { header: { kid: '../../etc/passwd', x5t: 7, typ: undefined }, timestamps: false },
  );
  expect(part(token, 0)).toEqual({ alg: 'RS256', kid: '../../etc/passwd', x5t: 7 });
  expect(part(token, 1)).toEqual({ sub: 's' });
});

it('makes alg none tokens, HS256 tokens and raw payloads', async () => {
  const none = mintToken({ a: 1 }, { alg: 'none' });
  expect(none.endsWith('.')).toBe(true);
  expect(decodeProtectedHeader(none).alg).toBe('none');

  const secret = new TextEncoder().encode('a-shared-secret-of-enough-length!');
  const hs = mintToken({ a: 1 }, { key: secret });
  await expect(jwtVerify(hs, createSecretKey(secret))).resolves.toBeDefined();

  expect(Buffer.from(mintToken('{not json', { alg: 'none' }).split('.')[1], 'base64url').toString()).toBe('{not json');
  for (const alg of ['PS256', 'RS512']) expect(decodeProtectedHeader(mintToken({}, { alg })).alg).toBe(alg);
  expect(() => mintToken({}, { alg: 'XX1' })).toThrow(/cannot sign/);
});

it('signs with the identity service’s own key so its JWKS verifies any claims', async () => {
  const identity = await startIdentity();
  try {
    const token = mintToken({ iss: 'https://evil.example/', aud: 'anything' }, { key: identity.signingKey() });
    const jwks = createRemoteJWKSet(new URL(`${identity.authority()}/discovery/v2.0/keys`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks);
    expect(protectedHeader.kid).toBe(identity.signingKey().kid);
    expect(payload.iss).toBe('https://evil.example/');
  } finally {
    await identity.dispose();
  }
});
