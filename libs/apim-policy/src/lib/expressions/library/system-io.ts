import { type Overload, type TypeMembers, members, method, prop, sig } from '../members';
import { INT, OBJECT, STRING, type Type, named } from '../types';
import { formatValue } from '../value-format';
import type { LibraryModule } from './library-module';
import { formatComposite } from './system-format';

/**
 * `System.IO.StringReader` (`ReadLine`, `ReadToEnd`, `Read`, `Peek`) and `System.IO.StringWriter`
 * (`Write`, `WriteLine`, `NewLine`, `ToString`), which APIM allows whole. Lines end at `\n`,
 * `\r\n` or `\r` when read; `WriteLine` writes `\r\n` (.NET on Windows, where APIM runs).
 */

const STRING_READER: Type = named('StringReader');
const STRING_WRITER: Type = named('StringWriter');
const VOID: Type = named('void');

export class StringReaderValue {
  position = 0;

  constructor(readonly text: string) {}
}

export class StringWriterValue {
  text = '';
  newLine = '\r\n';
}

function readLine(r: StringReaderValue): string | null {
  if (r.position >= r.text.length) return null;
  const rest = r.text.slice(r.position);
  const end = rest.search(/\r\n|\n|\r/);
  if (end < 0) {
    r.position = r.text.length;
    return rest;
  }
  r.position += end + (rest.startsWith('\r\n', end) ? 2 : 1);
  return rest.slice(0, end);
}

const ReaderMembers: TypeMembers = members(
  {},
  {
    ReadLine: method(sig<StringReaderValue, []>([], STRING, (r) => readLine(r))),
    ReadToEnd: method(
      sig<StringReaderValue, []>([], STRING, (r) => {
        const rest = r.text.slice(r.position);
        r.position = r.text.length;
        return rest;
      }),
    ),
    Read: method(
      sig<StringReaderValue, []>([], INT, (r) => (r.position < r.text.length ? r.text.charCodeAt(r.position++) : -1)),
    ),
    Peek: method(
      sig<StringReaderValue, []>([], INT, (r) => (r.position < r.text.length ? r.text.charCodeAt(r.position) : -1)),
    ),
    Dispose: method(sig<StringReaderValue, []>([], VOID, () => undefined)),
    Close: method(sig<StringReaderValue, []>([], VOID, () => undefined)),
  },
);

const text = (value: unknown) => (value === null || value === undefined ? '' : formatValue(value));

const write = (line: boolean): Overload[] => [
  sig<StringWriterValue, [unknown]>(
    [OBJECT],
    VOID,
    (w, value) => {
      w.text += text(value) + (line ? w.newLine : '');
    },
    { allowsNull: true },
  ),
  ...[1, 2, 3].map((arity) =>
    sig<StringWriterValue, unknown[]>(
      [STRING, ...(Array(arity).fill(OBJECT) as Type[])],
      VOID,
      (w, format, ...args) => {
        w.text += formatComposite(String(format ?? ''), args) + (line ? w.newLine : '');
      },
      { allowsNull: true },
    ),
  ),
];

const WriterMembers: TypeMembers = members(
  {
    NewLine: Object.assign(
      prop<StringWriterValue>(STRING, (w) => w.newLine),
      {
        set: (target: unknown, value: unknown) => {
          (target as StringWriterValue).newLine = (value as string | null) ?? '\r\n';
        },
      },
    ),
  },
  {
    Write: method(...write(false)),
    WriteLine: method(
      sig<StringWriterValue, []>([], VOID, (w) => {
        w.text += w.newLine;
      }),
      ...write(true),
    ),
    ToString: method(sig<StringWriterValue, []>([], STRING, (w) => w.text)),
    Flush: method(sig<StringWriterValue, []>([], VOID, () => undefined)),
    Dispose: method(sig<StringWriterValue, []>([], VOID, () => undefined)),
    Close: method(sig<StringWriterValue, []>([], VOID, () => undefined)),
  },
);

const READER_CONSTRUCTORS: readonly Overload[] = [
  // A null string is refused before the call (no allowsNull), as .NET's ArgumentNullException.
  sig<null, [string]>([STRING], STRING_READER, (_, value) => new StringReaderValue(value)),
];
const WRITER_CONSTRUCTORS: readonly Overload[] = [sig<null, []>([], STRING_WRITER, () => new StringWriterValue())];

export const systemIo: LibraryModule = {
  constructors: {
    StringReader: READER_CONSTRUCTORS,
    'System.IO.StringReader': READER_CONSTRUCTORS,
    'IO.StringReader': READER_CONSTRUCTORS,
    StringWriter: WRITER_CONSTRUCTORS,
    'System.IO.StringWriter': WRITER_CONSTRUCTORS,
    'IO.StringWriter': WRITER_CONSTRUCTORS,
  },
  typeNames: {
    StringReader: STRING_READER,
    'System.IO.StringReader': STRING_READER,
    StringWriter: STRING_WRITER,
    'System.IO.StringWriter': STRING_WRITER,
  },
  instanceMembers(type) {
    if (type.name === 'StringReader') return ReaderMembers;
    if (type.name === 'StringWriter') return WriterMembers;
    return undefined;
  },
  isInstanceOf(value, type) {
    if (type.name === 'StringReader') return value instanceof StringReaderValue;
    if (type.name === 'StringWriter') return value instanceof StringWriterValue;
    return undefined;
  },
  format(value) {
    if (value instanceof StringWriterValue) return value.text;
    if (value instanceof StringReaderValue) return 'System.IO.StringReader';
    return undefined;
  },
  runtimeTypeName(value) {
    if (value instanceof StringWriterValue) return 'StringWriter';
    if (value instanceof StringReaderValue) return 'StringReader';
    return undefined;
  },
};
