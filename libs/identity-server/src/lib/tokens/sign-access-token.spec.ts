import { generateKeyPairSync } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, SignJWT } from 'jose';
import type { SigningKey } from '../keys/signing-key-store';
import { accessTokenHeader, type TokenVersion } from './access-token-claims';
import { signAccessToken } from './sign-access-token';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = {
  kid: 'kid-1',
  x5t: 'kid-1',
  x5c: '',
  certificatePem: '',
  privateKey,
  publicKey,
  createdAt: 0,
  activatesAt: 0,
} satisfies SigningKey;

const claims = {
  aud: 'api-guid',
  iss: 'https://login.microsoftonline.com/tid/v2.0',
  iat: 1_700_000_000,
  exp: 1_700_003_599,
  roles: ['Echo.Read', 'Écho.Ünïcode ✓'],
  tid: 'tid',
};

/** What jose's SignJWT produced before; RS256 is deterministic, so the bytes must be identical. */
const withJose = (version: TokenVersion) =>
  new SignJWT(claims).setProtectedHeader({ ...accessTokenHeader(version, key.kid, key.x5t) }).sign(privateKey);

it.each(['1.0', '2.0'] as const)('signs v%s tokens byte for byte as jose does', async (version) => {
  expect(await signAccessToken(claims, version, key)).toBe(await withJose(version));
});

it('produces a token that verifies with the public key and carries the claims and header', async () => {
  const token = await signAccessToken(claims, '1.0', key);
  const { payload, protectedHeader } = await compactVerify(token, publicKey, { algorithms: ['RS256'] });
  expect(JSON.parse(Buffer.from(payload).toString('utf8'))).toEqual(claims);
  expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'RS256', x5t: 'kid-1', kid: 'kid-1' });
});

it('names each key in its own header (the encoded header is cached per key and version)', async () => {
  const other = { ...key, kid: 'kid-2', x5t: 'kid-2' };
  expect(decodeProtectedHeader(await signAccessToken(claims, '2.0', key))).toEqual({
    typ: 'JWT',
    alg: 'RS256',
    kid: 'kid-1',
  });
  expect(decodeProtectedHeader(await signAccessToken(claims, '2.0', other))).toEqual({
    typ: 'JWT',
    alg: 'RS256',
    kid: 'kid-2',
  });
  expect(decodeProtectedHeader(await signAccessToken(claims, '1.0', other))).toMatchObject({
    x5t: 'kid-2',
    kid: 'kid-2',
  });
});

it('rejects when the key cannot sign (a public key), rather than throwing synchronously', async () => {
  const publicOnly = { ...key, privateKey: publicKey };
  await expect(signAccessToken(claims, '2.0', publicOnly)).rejects.toThrow();
});
