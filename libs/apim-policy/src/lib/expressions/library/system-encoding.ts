import { type TypeMembers, fault, members, method, prop, sig } from '../members';
import { INT, STRING, type Type, named } from '../types';
import type { LibraryModule } from './library-module';
import { BYTE_ARRAY, checkSlice } from './system-bytes';

/**
 * `System.Text.Encoding`: `Encoding.UTF8`, `ASCII`, `Unicode` (UTF-16LE), `BigEndianUnicode`,
 * `UTF32`, `Latin1`, `Default` (UTF-8, as in .NET Core) and `GetEncoding(name)`, each with
 * `GetBytes`, `GetString`, `GetByteCount`, `WebName`, `EncodingName`. As in .NET, characters an
 * encoding cannot represent become `?` and invalid byte sequences become U+FFFD.
 */

const ENCODING: Type = named('Encoding');

export class EncodingValue {
  constructor(
    readonly webName: string,
    readonly encodingName: string,
    readonly typeName: string,
    readonly encode: (text: string) => Uint8Array,
    readonly decode: (bytes: Uint8Array) => string,
  ) {}
}

/** Lone surrogates become U+FFFD, as .NET's replacement fallback does. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\ufffd');
}

const bytesFrom = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/** One byte per UTF-16 unit up to `max`; others become `?` (0x3F). */
function singleByte(max: number): Pick<EncodingValue, 'encode' | 'decode'> {
  return {
    encode: (text) => encodeUnits(text, max),
    decode: (bytes) => Array.from(bytes, (b) => (b <= max ? String.fromCharCode(b) : '?')).join(''),
  };
}

function encodeUnits(text: string, max: number): Uint8Array {
  // A surrogate pair is one character for .NET's replacement fallback: one `?`.
  const out: number[] = [];
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    out.push(code <= max ? code : 0x3f);
  }
  return Uint8Array.from(out);
}

function utf16(bigEndian: boolean): Pick<EncodingValue, 'encode' | 'decode'> {
  const swap = (bytes: Uint8Array) => {
    const copy = Uint8Array.from(bytes);
    for (let i = 0; i + 1 < copy.length; i += 2) [copy[i], copy[i + 1]] = [copy[i + 1], copy[i]];
    return copy;
  };
  return {
    encode: (text) => {
      const bytes = bytesFrom(Buffer.from(wellFormed(text), 'utf16le'));
      return bigEndian ? swap(bytes) : bytes;
    },
    decode: (bytes) => {
      const ordered = bigEndian ? swap(bytes) : bytes;
      const even = ordered.length - (ordered.length % 2);
      const text = wellFormed(bufferOf(ordered.subarray(0, even)).toString('utf16le'));
      return even < ordered.length ? `${text}\ufffd` : text;
    },
  };
}

const utf32: Pick<EncodingValue, 'encode' | 'decode'> = {
  encode: (text) => {
    const points = Array.from(wellFormed(text), (c) => c.codePointAt(0) as number);
    const bytes = new Uint8Array(points.length * 4);
    const view = new DataView(bytes.buffer);
    points.forEach((p, i) => view.setUint32(i * 4, p, true));
    return bytes;
  },
  decode: (bytes) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    let text = '';
    for (let i = 0; i + 3 < bytes.length; i += 4) {
      const p = view.getUint32(i, true);
      text += p <= 0x10ffff && (p < 0xd800 || p > 0xdfff) ? String.fromCodePoint(p) : '\ufffd';
    }
    return bytes.length % 4 === 0 ? text : `${text}\ufffd`;
  },
};

const UTF8 = new EncodingValue(
  'utf-8',
  'Unicode (UTF-8)',
  'System.Text.UTF8Encoding',
  (text) => bytesFrom(Buffer.from(text, 'utf8')),
  (bytes) => bufferOf(bytes).toString('utf8'),
);
const ASCII = new EncodingValue('us-ascii', 'US-ASCII', 'System.Text.ASCIIEncoding', ...fns(singleByte(0x7f)));
const LATIN1 = new EncodingValue(
  'iso-8859-1',
  'Western European (ISO)',
  'System.Text.Latin1Encoding',
  ...fns(singleByte(0xff)),
);
const UNICODE = new EncodingValue('utf-16', 'Unicode', 'System.Text.UnicodeEncoding', ...fns(utf16(false)));
const BIG_ENDIAN = new EncodingValue(
  'utf-16BE',
  'Unicode (Big-Endian)',
  'System.Text.UnicodeEncoding',
  ...fns(utf16(true)),
);
const UTF32 = new EncodingValue('utf-32', 'Unicode (UTF-32)', 'System.Text.UTF32Encoding', ...fns(utf32));

function fns(pair: Pick<EncodingValue, 'encode' | 'decode'>): [EncodingValue['encode'], EncodingValue['decode']] {
  return [pair.encode, pair.decode];
}

/** `Encoding.GetEncoding(name)`: the names (and aliases) .NET Core knows without a code-page provider. */
const BY_NAME: Readonly<Record<string, EncodingValue>> = {
  'utf-8': UTF8,
  utf8: UTF8,
  'us-ascii': ASCII,
  ascii: ASCII,
  'iso-8859-1': LATIN1,
  latin1: LATIN1,
  'utf-16': UNICODE,
  'utf-16le': UNICODE,
  unicode: UNICODE,
  'utf-16be': BIG_ENDIAN,
  'utf-32': UTF32,
  'utf-32le': UTF32,
};

const EncodingStatics: TypeMembers = members(
  {
    UTF8: prop(ENCODING, () => UTF8),
    ASCII: prop(ENCODING, () => ASCII),
    Unicode: prop(ENCODING, () => UNICODE),
    BigEndianUnicode: prop(ENCODING, () => BIG_ENDIAN),
    UTF32: prop(ENCODING, () => UTF32),
    Latin1: prop(ENCODING, () => LATIN1),
    Default: prop(ENCODING, () => UTF8),
  },
  {
    GetEncoding: method(
      sig<null, [string]>([STRING], ENCODING, (_, name) => {
        const found = BY_NAME[name.trim().toLowerCase()];
        if (!found) {
          throw fault(
            `"${name}" is not a supported encoding name (ArgumentException); use utf-8, us-ascii, iso-8859-1, utf-16, utf-16BE or utf-32`,
          );
        }
        return found;
      }),
    ),
  },
);

function nonNull<T>(value: T | null, what: string): T {
  if (value === null) throw fault(`${what} is null (ArgumentNullException)`);
  return value;
}

const EncodingMembers: TypeMembers = members(
  {
    WebName: prop<EncodingValue>(STRING, (e) => e.webName),
    EncodingName: prop<EncodingValue>(STRING, (e) => e.encodingName),
  },
  {
    GetBytes: method(
      sig<EncodingValue, [string]>([STRING], BYTE_ARRAY, (e, text) => e.encode(text)),
      sig<EncodingValue, [string, number, number]>([STRING, INT, INT], BYTE_ARRAY, (e, text, start, count) => {
        if (start < 0 || count < 0 || start + count > text.length) {
          throw fault(
            `GetBytes: start ${start} and count ${count} do not fit a string of length ${text.length} (ArgumentOutOfRangeException)`,
          );
        }
        return e.encode(text.slice(start, start + count));
      }),
    ),
    GetString: method(
      sig<EncodingValue, [Uint8Array | null]>(
        [BYTE_ARRAY],
        STRING,
        (e, bytes) => e.decode(nonNull(bytes, 'GetString: the bytes')),
        {
          allowsNull: true,
        },
      ),
      sig<EncodingValue, [Uint8Array, number, number]>([BYTE_ARRAY, INT, INT], STRING, (e, bytes, start, count) =>
        e.decode(checkSlice(bytes, start, count, 'GetString')),
      ),
    ),
    GetByteCount: method(sig<EncodingValue, [string]>([STRING], INT, (e, text) => e.encode(text).length)),
    ToString: method(sig<EncodingValue, []>([], STRING, (e) => e.typeName)),
  },
);

export const systemEncoding: LibraryModule = {
  staticMembers: {
    Encoding: EncodingStatics,
    'System.Text.Encoding': EncodingStatics,
    'Text.Encoding': EncodingStatics,
  },
  typeNames: { Encoding: ENCODING, 'System.Text.Encoding': ENCODING },
  instanceMembers: (type) => (type.name === 'Encoding' ? EncodingMembers : undefined),
  isInstanceOf: (value, type) => (type.name === 'Encoding' ? value instanceof EncodingValue : undefined),
  format: (value) => (value instanceof EncodingValue ? value.typeName : undefined),
  runtimeTypeName: (value) => (value instanceof EncodingValue ? 'Encoding' : undefined),
};
