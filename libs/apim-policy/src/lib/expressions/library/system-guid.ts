import { randomUUID } from 'node:crypto';
import { type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, INT, STRING, type Type, named } from '../types';
import type { LibraryModule, LibraryOperator } from './library-module';
import { BYTE_ARRAY } from './system-bytes';
import type { FormattableValue } from './system-format';
import { withOutParams } from './system-numbers';

/**
 * `System.Guid` (APIM allows all of it): `NewGuid()`, `Empty`, `Parse`/`TryParse`/`ParseExact`/
 * `TryParseExact`, `new Guid(string | byte[])`, `ToString([N|D|B|P|X])` (default `D`, lower case
 * as .NET), `ToByteArray()` in .NET's mixed-endian layout, `==`/`!=`/`CompareTo`/`Equals`.
 */

export const GUID: Type = named('Guid');

export class GuidValue implements FormattableValue {
  /** 32 lower-case hex digits in the textual (`D`) order. */
  constructor(readonly hex: string) {}

  formatWith(spec: string): string {
    const h = this.hex;
    const d = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    switch (spec) {
      case '':
      case 'D':
      case 'd':
        return d;
      case 'N':
      case 'n':
        return h;
      case 'B':
      case 'b':
        return `{${d}}`;
      case 'P':
      case 'p':
        return `(${d})`;
      case 'X':
      case 'x': {
        const group = (text: string) => `0x${text}`;
        const tail = h.slice(16).match(/../g) as string[];
        return `{${group(h.slice(0, 8))},${group(h.slice(8, 12))},${group(h.slice(12, 16))},{${tail.map(group).join(',')}}}`;
      }
      default:
        throw fault(`"${spec}" is not a Guid format; use N, D, B, P or X (FormatException)`);
    }
  }
}

const EMPTY = new GuidValue('0'.repeat(32));

const PATTERNS: Readonly<Record<string, RegExp>> = {
  N: /^([0-9a-f]{32})$/i,
  D: /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i,
  B: /^\{([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}$/i,
  P: /^\(([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\)$/i,
};

function tryParseGuid(text: string | null, format?: string): GuidValue | undefined {
  if (text === null) return undefined;
  const formats = format === undefined ? Object.keys(PATTERNS) : [format.toUpperCase()];
  for (const name of formats) {
    const match = PATTERNS[name]?.exec(format === undefined ? text.trim() : text);
    if (match) return new GuidValue(match.slice(1).join('').toLowerCase());
  }
  return undefined;
}

function parseOrFault(text: string | null, format?: string): GuidValue {
  if (text === null) throw fault('Guid.Parse: the text is null (ArgumentNullException)');
  const guid = tryParseGuid(text, format);
  if (!guid) throw fault(`"${text}" is not a Guid${format ? ` in format ${format}` : ''} (FormatException)`);
  return guid;
}

/** .NET's byte order: Data1 (4 bytes), Data2, Data3 little-endian, then 8 bytes as written. */
const BYTE_ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];

function toBytes(guid: GuidValue): Uint8Array {
  const textual = Buffer.from(guid.hex, 'hex');
  return Uint8Array.from(BYTE_ORDER, (i) => textual[i]);
}

function fromBytes(bytes: Uint8Array | null): GuidValue {
  if (bytes === null) throw fault('new Guid(byte[]): the bytes are null (ArgumentNullException)');
  if (bytes.length !== 16) throw fault(`new Guid(byte[]): needs 16 bytes, not ${bytes.length} (ArgumentException)`);
  const textual = new Uint8Array(16);
  BYTE_ORDER.forEach((from, to) => (textual[from] = bytes[to]));
  return new GuidValue(Buffer.from(textual).toString('hex'));
}

const tryOut = (params: Type[], parse: (...args: (string | null)[]) => GuidValue | undefined): Overload =>
  withOutParams(
    sig<null, unknown[]>(
      [...params, GUID],
      BOOL,
      (_, ...args) => {
        const box = args[args.length - 1] as { value: unknown };
        const guid = parse(...(args.slice(0, -1) as (string | null)[]));
        box.value = guid ?? EMPTY;
        return guid !== undefined;
      },
      { allowsNull: true },
    ),
    [params.length],
  );

const GuidStatics: TypeMembers = members(
  { Empty: prop(GUID, () => EMPTY) },
  {
    NewGuid: method(sig<null, []>([], GUID, () => new GuidValue(randomUUID().replace(/-/g, '')))),
    Parse: method(sig<null, [string | null]>([STRING], GUID, (_, text) => parseOrFault(text), { allowsNull: true })),
    TryParse: method(tryOut([STRING], (text) => tryParseGuid(text))),
    ParseExact: method(
      sig<null, [string | null, string]>([STRING, STRING], GUID, (_, text, format) => parseOrFault(text, format), {
        allowsNull: true,
      }),
    ),
    TryParseExact: method(tryOut([STRING, STRING], (text, format) => tryParseGuid(text, format ?? 'D'))),
  },
);

const GuidMembers: TypeMembers = members(
  {},
  {
    ToString: method(
      sig<GuidValue, []>([], STRING, (g) => g.formatWith('D')),
      sig<GuidValue, [string | null]>([STRING], STRING, (g, format) => g.formatWith(format ?? ''), {
        allowsNull: true,
      }),
    ),
    ToByteArray: method(sig<GuidValue, []>([], BYTE_ARRAY, (g) => toBytes(g))),
    Equals: method(sig<GuidValue, [GuidValue]>([GUID], BOOL, (g, other) => g.hex === other.hex)),
    CompareTo: method(
      sig<GuidValue, [GuidValue]>([GUID], INT, (g, other) => (g.hex < other.hex ? -1 : g.hex > other.hex ? 1 : 0)),
    ),
  },
);

const equality = (op: '==' | '!=', equal: boolean): LibraryOperator => ({
  op,
  left: 'Guid',
  right: 'Guid',
  returns: BOOL,
  apply: (a, b) => ((a as GuidValue).hex === (b as GuidValue).hex) === equal,
});

const GUID_CONSTRUCTORS: readonly Overload[] = [
  sig<null, [string | null]>([STRING], GUID, (_, text) => parseOrFault(text), { allowsNull: true }),
  sig<null, [Uint8Array | null]>([BYTE_ARRAY], GUID, (_, bytes) => fromBytes(bytes), { allowsNull: true }),
];

export const systemGuid: LibraryModule = {
  staticMembers: { Guid: GuidStatics, 'System.Guid': GuidStatics },
  constructors: {
    Guid: GUID_CONSTRUCTORS,
    'System.Guid': GUID_CONSTRUCTORS,
  },
  typeNames: { Guid: GUID, 'System.Guid': GUID },
  valueTypes: ['Guid'],
  instanceMembers: (type) => (type.name === 'Guid' ? GuidMembers : undefined),
  operators: [equality('==', true), equality('!=', false)],
  isInstanceOf: (value, type) => (type.name === 'Guid' ? value instanceof GuidValue : undefined),
  format: (value) => (value instanceof GuidValue ? value.formatWith('D') : undefined),
  runtimeTypeName: (value) => (value instanceof GuidValue ? 'Guid' : undefined),
};
