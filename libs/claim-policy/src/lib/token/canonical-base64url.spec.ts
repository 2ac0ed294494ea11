import fc from 'fast-check';
import { isCanonicalBase64url } from './canonical-base64url';

describe('isCanonicalBase64url', () => {
  it('accepts what Buffer encodes, for every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(isCanonicalBase64url(Buffer.from(bytes).toString('base64url'))).toBe(true);
      }),
    );
  });

  it('agrees with "decode and re-encode gives the same text" on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AQgwBCDE_-+/= .é'.split('')), maxLength: 12 }), (text) => {
        const reencoded = Buffer.from(text, 'base64url').toString('base64url');
        expect(isCanonicalBase64url(text)).toBe(reencoded === text);
      }),
    );
  });

  it.each([
    ['', true],
    ['QQ', true],
    ['QR', false], // unused bits set
    ['QUI', true],
    ['QUJ', false],
    ['Q', false], // length 1 mod 4 encodes no byte
    ['QQ==', false],
    ['Q+I', false],
    ['Q/I', false],
  ])('%s → %s', (text, expected) => {
    expect(isCanonicalBase64url(text)).toBe(expected);
  });

  it('checks only the given range', () => {
    expect(isCanonicalBase64url('==QUI==', 2, 5)).toBe(true);
  });
});
