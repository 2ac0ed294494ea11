import { createPolicy } from '@stack/claim-policy';
import { createHmac, randomBytes } from 'node:crypto';
import type { SigningKeyResolver } from '../../keys/signing-key-resolver';
import { inlineKeysOf, verifyToken } from './verify-token';

/** HS256 (or unsigned `none`) tokens over any claims or raw payload text: enough for this unit. */
function mintToken(claims: object | string, options: { key?: Buffer; alg?: string } = {}): string {
  const alg = options.alg ?? 'HS256';
  const part = (text: string) => Buffer.from(text).toString('base64url');
  const payload = typeof claims === 'string' ? claims : JSON.stringify(claims);
  const input = `${part(JSON.stringify({ typ: 'JWT', alg }))}.${part(payload)}`;
  if (alg === 'none') return `${input}.`;
  return `${input}.${createHmac('sha256', options.key ?? randomBytes(32))
    .update(input)
    .digest('base64url')}`;
}

/** Inline HS256 keys only: no discovery, so the resolver must never be asked. */
const SECRET = randomBytes(32);
const policy = createPolicy({
  allowedAlgorithms: ['HS256'],
  issuerSigningKeys: [{ kind: 'symmetric', base64: SECRET.toString('base64') }],
});
const inlineKeys = inlineKeysOf(policy);
const noDiscovery: SigningKeyResolver = {
  issuerOf: () => Promise.reject(new Error('not used')),
  keyOf: () => Promise.reject(new Error('not used')),
  version: 0,
  close: () => undefined,
};
const verify = (token: string) => verifyToken(token, policy, noDiscovery, inlineKeys);
const codes = async (token: string) => {
  const result = await verify(token);
  return result.ok ? 'ok' : result.reasons.map((reason) => reason.code).join(',');
};

describe('verifyToken', () => {
  const good = mintToken({ sub: 'x', roles: ['a'] }, { key: SECRET });

  it('verifies a canonical token with the inline key and returns header and claims', async () => {
    const result = await verify(good);
    expect(result).toMatchObject({ ok: true, header: { alg: 'HS256' }, claims: { sub: 'x', roles: ['a'] } });
  });

  it('refuses every other spelling of the same token as malformed, before any key work', async () => {
    const [header, payload, signature] = good.split('.');
    expect(signature.length % 4).toBe(3); // 32 bytes: 43 characters, one unused bit pair
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature[signature.length - 1]);
    const spellings = [
      `${good}=`,
      `${header}.${payload}.${signature.slice(0, -1)}${alphabet[last | 0x01]}`,
      `${header}.${payload}.${signature.slice(0, -1)}${alphabet[last | 0x02]}`,
      `${header}.${payload}.${signature}\n`,
      ` ${good}`,
    ];
    for (const spelling of spellings) {
      expect(await codes(spelling)).toBe('ERR_TOKEN_MALFORMED');
    }
  });

  it('refuses duplicate members, deep nesting and oversize tokens as malformed', async () => {
    expect(await codes(mintToken('{"sub":"x","sub":"y"}', { key: SECRET }))).toBe('ERR_TOKEN_MALFORMED');
    expect(await codes(mintToken(`{"roles":${'['.repeat(3000)}${']'.repeat(3000)}}`, { key: SECRET }))).toBe(
      'ERR_TOKEN_MALFORMED',
    );
    expect(await codes(mintToken({ pad: 'x'.repeat(13000) }, { key: SECRET }))).toBe('ERR_TOKEN_MALFORMED');
  });

  it('reports a stripped signature as unsigned and a wrong one as invalid', async () => {
    expect(await codes(good.replace(/[^.]+$/, ''))).toBe('ERR_TOKEN_UNSIGNED');
    expect(await codes(mintToken({ sub: 'x' }, { key: randomBytes(32) }))).toBe('ERR_SIGNATURE_INVALID');
  });

  it('leaves header rules to evaluate: an alg off the allow-list comes back unverified, not as an error', async () => {
    const result = await verify(mintToken({ sub: 'x' }, { alg: 'none' }));
    expect(result).toMatchObject({ ok: true, header: { alg: 'none' } });
  });
});
