import type { TypeMembers } from '../members';
import { systemBytes } from './system-bytes';
import { systemConvert } from './system-convert';
import { systemEncoding } from './system-encoding';

function call(statics: TypeMembers, name: string, params: string[], target: unknown, ...args: unknown[]): unknown {
  const overload = statics.methods[name].overloads.find(
    (o) => o.params.map((p) => p.name).join(',') === params.join(','),
  );
  if (!overload) throw new Error(`no ${name}(${params.join(', ')})`);
  return overload.invoke(target, ...args);
}

const encodingStatics = (systemEncoding.staticMembers ?? {})['System.Text.Encoding'];
const encoding = (name: string) => encodingStatics.properties[name].get(null);
const encodingMembers = systemEncoding.instanceMembers?.({ name: 'Encoding' }) as TypeMembers;
const getBytes = (enc: string, text: string) =>
  Array.from(call(encodingMembers, 'GetBytes', ['string'], encoding(enc), text) as Uint8Array);
const getString = (enc: string, bytes: number[]) =>
  call(encodingMembers, 'GetString', ['byte[]'], encoding(enc), Uint8Array.from(bytes));
const convert = (systemConvert.staticMembers ?? {})['Convert'];
const bitConverter = (systemBytes.staticMembers ?? {})['BitConverter'];

describe('Encoding', () => {
  it('encodes and decodes UTF-8 (invalid bytes become U+FFFD)', () => {
    expect(getBytes('UTF8', 'é€')).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac]);
    expect(getString('UTF8', [0x68, 0xc3, 0xa9])).toBe('hé');
    expect(getString('UTF8', [0x61, 0xff])).toBe('a\ufffd');
  });

  it('replaces what ASCII and Latin1 cannot hold with ?', () => {
    expect(getBytes('ASCII', 'aé😀')).toEqual([0x61, 0x3f, 0x3f]);
    expect(getString('ASCII', [0x41, 0xe9])).toBe('A?');
    expect(getBytes('Latin1', 'é€')).toEqual([0xe9, 0x3f]);
  });

  it('writes UTF-16 little-endian for Unicode and big-endian for BigEndianUnicode', () => {
    expect(getBytes('Unicode', 'A€')).toEqual([0x41, 0x00, 0xac, 0x20]);
    expect(getBytes('BigEndianUnicode', 'A')).toEqual([0x00, 0x41]);
    expect(getString('Unicode', [0x41, 0x00, 0x42])).toBe('A\ufffd');
    expect(getBytes('UTF32', 'A')).toEqual([0x41, 0, 0, 0]);
  });

  it('finds encodings by name, has names, counts bytes and decodes a slice', () => {
    const utf8 = call(encodingStatics, 'GetEncoding', ['string'], null, 'UTF-8');
    expect(utf8).toBe(encoding('UTF8'));
    expect(() => call(encodingStatics, 'GetEncoding', ['string'], null, 'ebcdic')).toThrow(
      'not a supported encoding name',
    );
    expect(encodingMembers.properties['WebName'].get(encoding('ASCII'))).toBe('us-ascii');
    expect(call(encodingMembers, 'GetByteCount', ['string'], encoding('UTF8'), 'ü')).toBe(2);
    expect(
      call(
        encodingMembers,
        'GetString',
        ['byte[]', 'int', 'int'],
        encoding('UTF8'),
        Uint8Array.from([0x61, 0x62, 0x63]),
        1,
        2,
      ),
    ).toBe('bc');
    expect(() =>
      call(encodingMembers, 'GetString', ['byte[]', 'int', 'int'], encoding('UTF8'), Uint8Array.from([1]), 1, 2),
    ).toThrow('ArgumentOutOfRangeException');
    expect(() => call(encodingMembers, 'GetString', ['byte[]'], encoding('UTF8'), null)).toThrow(
      'ArgumentNullException',
    );
    expect(encoding('Default')).toBe(encoding('UTF8'));
  });
});

describe('Convert', () => {
  it('turns bytes into Base64 and back; bad Base64 is a FormatException', () => {
    expect(call(convert, 'ToBase64String', ['byte[]'], null, Uint8Array.from([0xfb, 0xff, 0x00]))).toBe('+/8A');
    expect(Array.from(call(convert, 'FromBase64String', ['string'], null, ' +/8A\r\n') as Uint8Array)).toEqual([
      0xfb, 0xff, 0,
    ]);
    expect(() => call(convert, 'FromBase64String', ['string'], null, 'abc')).toThrow(
      'is not valid Base64 text (FormatException)',
    );
    expect(() => call(convert, 'FromBase64String', ['string'], null, '-_8A')).toThrow('FormatException');
    expect(() => call(convert, 'FromBase64String', ['string'], null, null)).toThrow('ArgumentNullException');
    expect(call(convert, 'ToBase64String', ['byte[]', 'int', 'int'], null, Uint8Array.from([1, 2, 3]), 1, 1)).toBe(
      'Ag==',
    );
  });

  it('converts hex text', () => {
    expect(call(convert, 'ToHexString', ['byte[]'], null, Uint8Array.from([0xab, 0x01]))).toBe('AB01');
    expect(Array.from(call(convert, 'FromHexString', ['string'], null, 'ab01') as Uint8Array)).toEqual([0xab, 1]);
    expect(() => call(convert, 'FromHexString', ['string'], null, 'abc')).toThrow('FormatException');
  });

  it('converts to integers the .NET way', () => {
    expect(call(convert, 'ToInt32', ['string'], null, ' 42 ')).toBe(42);
    expect(call(convert, 'ToInt32', ['string'], null, null)).toBe(0);
    expect(call(convert, 'ToInt32', ['double'], null, 2.5)).toBe(2);
    expect(call(convert, 'ToInt32', ['double'], null, 3.5)).toBe(4);
    expect(call(convert, 'ToInt32', ['bool'], null, true)).toBe(1);
    expect(call(convert, 'ToInt32', ['char'], null, 'A')).toBe(65);
    expect(call(convert, 'ToInt32', ['string', 'int'], null, 'ff', 16)).toBe(255);
    expect(call(convert, 'ToInt32', ['string', 'int'], null, 'FFFFFFFF', 16)).toBe(-1);
    expect(call(convert, 'ToInt32', ['string', 'int'], null, '101', 2)).toBe(5);
    expect(call(convert, 'ToInt32', ['object'], null, '7')).toBe(7);
    expect(() => call(convert, 'ToInt32', ['double'], null, 3e10)).toThrow('OverflowException');
    expect(() => call(convert, 'ToInt32', ['string'], null, 'x')).toThrow('FormatException');
    expect(() => call(convert, 'ToInt32', ['object'], null, new Date(0))).toThrow('InvalidCastException');
    expect(call(convert, 'ToInt64', ['string'], null, '4000000000')).toBe(4000000000);
    expect(() => call(convert, 'ToByte', ['int'], null, 300)).toThrow('OverflowException');
  });

  it('converts to double, bool, char and string', () => {
    expect(call(convert, 'ToDouble', ['string'], null, '1.25')).toBe(1.25);
    expect(call(convert, 'ToDouble', ['int'], null, 3)).toBe(3);
    expect(call(convert, 'ToBoolean', ['string'], null, 'TRUE')).toBe(true);
    expect(call(convert, 'ToBoolean', ['int'], null, 0)).toBe(false);
    expect(call(convert, 'ToBoolean', ['string'], null, null)).toBe(false);
    expect(() => call(convert, 'ToBoolean', ['string'], null, '1')).toThrow('FormatException');
    expect(call(convert, 'ToChar', ['int'], null, 97)).toBe('a');
    expect(call(convert, 'ToString', ['object'], null, 1.5)).toBe('1.5');
    expect(call(convert, 'ToString', ['object'], null, true)).toBe('True');
    expect(call(convert, 'ToString', ['object'], null, null)).toBe('');
    expect(call(convert, 'ToString', ['int', 'int'], null, 255, 16)).toBe('ff');
    expect(call(convert, 'ToString', ['int', 'int'], null, -1, 2)).toBe('1'.repeat(32));
  });
});

describe('byte[] and BitConverter', () => {
  it('prints byte[] as .NET does', () => {
    expect(systemBytes.format?.(Uint8Array.from([10, 20]))).toBe('System.Byte[]');
    expect(systemBytes.runtimeTypeName?.(Uint8Array.from([10, 20]))).toBe('byte[]');
  });

  it('prints bytes as dashed hex and reads and writes little-endian numbers', () => {
    expect(call(bitConverter, 'ToString', ['byte[]'], null, Uint8Array.from([0xab, 0x0c, 0xff]))).toBe('AB-0C-FF');
    expect(call(bitConverter, 'ToString', ['byte[]', 'int', 'int'], null, Uint8Array.from([1, 2, 3]), 1, 2)).toBe(
      '02-03',
    );
    expect(call(bitConverter, 'ToString', ['byte[]'], null, new Uint8Array(0))).toBe('');
    const four = call(bitConverter, 'GetBytes', ['int'], null, 258) as Uint8Array;
    expect(Array.from(four)).toEqual([2, 1, 0, 0]);
    expect(call(bitConverter, 'ToInt32', ['byte[]', 'int'], null, four, 0)).toBe(258);
    expect(() => call(bitConverter, 'ToInt32', ['byte[]', 'int'], null, four, 1)).toThrow('do not fit');
    const eight = call(bitConverter, 'GetBytes', ['double'], null, 1.5) as Uint8Array;
    expect(call(bitConverter, 'ToDouble', ['byte[]', 'int'], null, eight, 0)).toBe(1.5);
    expect(bitConverter.properties['IsLittleEndian'].get(null)).toBe(true);
  });
});
