import type { Overload, TypeMembers } from '../members';
import { HashAlgorithmValue, systemCrypto } from './system-crypto';

const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const hex = (bytes: unknown) => Buffer.from(bytes as Uint8Array).toString('hex');
const statics = (name: string) => (systemCrypto.staticMembers ?? {})[name];
const constructors = (name: string) => (systemCrypto.constructors ?? {})[name] as readonly Overload[];
const membersOf = (name: string) => systemCrypto.instanceMembers?.({ name }) as TypeMembers;
const computeHash = (name: string, target: unknown, bytes: unknown) =>
  membersOf(name).methods['ComputeHash'].overloads[0].invoke(target, bytes);

describe('hash algorithms', () => {
  it('computes SHA-256, SHA-1 and MD5 through X.Create().ComputeHash(bytes)', () => {
    const sha256 = statics('SHA256').methods['Create'].overloads[0].invoke(null);
    expect(hex(computeHash('SHA256', sha256, ascii('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const md5 = statics('System.Security.Cryptography.MD5').methods['Create'].overloads[0].invoke(null);
    expect(hex(computeHash('MD5', md5, new Uint8Array(0)))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    const sha1 = constructors('SHA1Managed')[0].invoke(null);
    expect(hex(computeHash('SHA1Managed', sha1, ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(membersOf('SHA1Managed').properties['HashSize'].get(sha1)).toBe(160);
  });

  it('has the one-call HashData and hashes a slice', () => {
    const bytes = statics('SHA512').methods['HashData'].overloads[0].invoke(null, ascii('abc')) as Uint8Array;
    expect(bytes.length).toBe(64);
    const sha256 = statics('SHA256').methods['Create'].overloads[0].invoke(null);
    const slice = membersOf('SHA256').methods['ComputeHash'].overloads[1].invoke(sha256, ascii('xabcx'), 1, 3);
    expect(hex(slice)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(membersOf('SHA256').properties['Hash'].get(sha256))).toBe(hex(slice));
  });

  it('refuses null input, a bad slice and use after Dispose', () => {
    const sha256 = statics('SHA256').methods['Create'].overloads[0].invoke(null);
    expect(() => computeHash('SHA256', sha256, null)).toThrow('ArgumentNullException');
    expect(() => membersOf('SHA256').methods['ComputeHash'].overloads[1].invoke(sha256, ascii('ab'), 1, 5)).toThrow(
      'ArgumentOutOfRangeException',
    );
    expect(() => membersOf('SHA256').properties['Hash'].get(sha256)).toThrow('no hash was computed yet');
    membersOf('SHA256').methods['Dispose'].overloads[0].invoke(sha256);
    expect(() => computeHash('SHA256', sha256, ascii('a'))).toThrow('ObjectDisposedException');
  });
});

describe('HMAC', () => {
  it('computes HMAC-SHA256 with the key given to the constructor (RFC 4231 case 2)', () => {
    const mac = constructors('HMACSHA256')[1].invoke(null, ascii('Jefe'));
    expect(hex(computeHash('HMACSHA256', mac, ascii('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const once = statics('HMACSHA256').methods['HashData'].overloads[0].invoke(
      null,
      ascii('Jefe'),
      ascii('what do ya want for nothing?'),
    );
    expect(hex(once)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('reads and replaces Key; new HMACSHA512() draws a random 128-byte key', () => {
    const mac = constructors('System.Security.Cryptography.HMACSHA512')[0].invoke(null) as HashAlgorithmValue;
    const key = membersOf('HMACSHA512').properties['Key'];
    expect((key.get(mac) as Uint8Array).length).toBe(128);
    (key as { set?: (t: unknown, v: unknown) => void }).set?.(mac, ascii('k'));
    expect(hex(key.get(mac))).toBe('6b');
    expect(() => constructors('HMACSHA1')[1].invoke(null, null)).toThrow('ArgumentNullException');
  });

  it('converts up to HashAlgorithm/HMAC and tells types apart at run time', () => {
    const mac = constructors('HMACSHA1')[1].invoke(null, ascii('k'));
    expect(systemCrypto.isInstanceOf?.(mac, { name: 'HMAC' })).toBe(true);
    expect(systemCrypto.isInstanceOf?.(mac, { name: 'HMACSHA256' })).toBe(false);
    expect(systemCrypto.conversions?.some((c) => c.from === 'HMACSHA1' && c.to === 'HashAlgorithm' && c.implicit)).toBe(
      true,
    );
    expect(systemCrypto.format?.(mac)).toBe('System.Security.Cryptography.HMACSHA1');
    expect(systemCrypto.runtimeTypeName?.(mac)).toBe('HMACSHA1');
  });
});

describe('RNGCryptoServiceProvider', () => {
  it('fills a buffer with random bytes (non-zero ones on request)', () => {
    const rng = constructors('RNGCryptoServiceProvider')[0].invoke(null);
    const buffer = new Uint8Array(64);
    membersOf('RNGCryptoServiceProvider').methods['GetNonZeroBytes'].overloads[0].invoke(rng, buffer);
    expect(buffer.every((b) => b !== 0)).toBe(true);
  });
});
