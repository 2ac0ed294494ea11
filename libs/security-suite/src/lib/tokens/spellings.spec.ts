import { padded, unusedBits, withOtherLowBits, withUnusedBits } from './spellings';

describe('base64url spellings', () => {
  it('gives another spelling of the same bytes when the last character has unused bits', () => {
    const canonical = Buffer.from('ab').toString('base64url'); // 3 characters, 2 unused bits
    const other = withOtherLowBits(canonical) as string;
    expect(other).not.toBe(canonical);
    expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from('ab'));
    expect(withOtherLowBits(Buffer.from('abc').toString('base64url'))).toBeUndefined();
  });

  it('pads to a multiple of 4, and sizes JSON so its encoding has unused bits', () => {
    expect(padded('YQ')).toBe('YQ==');
    expect(padded('YWJj')).toBeUndefined();
    expect(unusedBits(Buffer.from(withUnusedBits('{"a":1}')).toString('base64url').length)).toBe(4);
  });
});
