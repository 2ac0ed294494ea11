import { type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, DOUBLE, INT, STRING, type Type, named } from '../types';
import type { LibraryModule } from './library-module';
import { LONG } from './system-numbers';

/**
 * `System.BitConverter` over `byte[]` (a Uint8Array at run time; its members are collections.ts')
 * (`ToString(bytes)` → `AB-CD-…`, little-endian `GetBytes`/`ToInt32`/`ToInt64`/`ToDouble`).
 */

export const BYTE_ARRAY: Type = named('byte[]');

export function checkIndex(index: number, length: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw fault(`index ${index} is outside ${what} of length ${length} (IndexOutOfRangeException)`);
  }
}

/** `(bytes, start, count)` arguments as .NET checks them (ArgumentOutOfRangeException). */
export function checkSlice(bytes: Uint8Array, start: number, count: number, what: string): Uint8Array {
  if (start < 0 || count < 0 || start + count > bytes.length) {
    throw fault(
      `${what}: start ${start} and count ${count} do not fit ${bytes.length} bytes (ArgumentOutOfRangeException)`,
    );
  }
  return bytes.subarray(start, start + count);
}

function hexWithDashes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('-');
}

function view(bytes: Uint8Array, start: number, size: number, what: string): DataView {
  if (start < 0 || start + size > bytes.length) {
    throw fault(
      `BitConverter.${what}: ${size} bytes from index ${start} do not fit ${bytes.length} bytes (ArgumentException)`,
    );
  }
  return new DataView(bytes.buffer, bytes.byteOffset + start, size);
}

function bytesOf(size: number, write: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  write(new DataView(bytes.buffer));
  return bytes;
}

const BitConverter: TypeMembers = members(
  { IsLittleEndian: prop(BOOL, () => true) },
  {
    ToString: method(
      sig<null, [Uint8Array]>([BYTE_ARRAY], STRING, (_, b) => hexWithDashes(b)),
      sig<null, [Uint8Array, number]>([BYTE_ARRAY, INT], STRING, (_, b, start) =>
        hexWithDashes(checkSlice(b, start, b.length - start, 'BitConverter.ToString')),
      ),
      sig<null, [Uint8Array, number, number]>([BYTE_ARRAY, INT, INT], STRING, (_, b, start, count) =>
        hexWithDashes(checkSlice(b, start, count, 'BitConverter.ToString')),
      ),
    ),
    GetBytes: method(
      sig<null, [boolean]>([BOOL], BYTE_ARRAY, (_, v) => Uint8Array.of(v ? 1 : 0)),
      sig<null, [number]>([INT], BYTE_ARRAY, (_, v) => bytesOf(4, (d) => d.setInt32(0, v, true))),
      sig<null, [number]>([LONG], BYTE_ARRAY, (_, v) => bytesOf(8, (d) => d.setBigInt64(0, BigInt(v), true))),
      sig<null, [number]>([DOUBLE], BYTE_ARRAY, (_, v) => bytesOf(8, (d) => d.setFloat64(0, v, true))),
    ),
    ToInt32: method(
      sig<null, [Uint8Array, number]>([BYTE_ARRAY, INT], INT, (_, b, i) => view(b, i, 4, 'ToInt32').getInt32(0, true)),
    ),
    ToInt64: method(
      sig<null, [Uint8Array, number]>([BYTE_ARRAY, INT], LONG, (_, b, i) => {
        const value = view(b, i, 8, 'ToInt64').getBigInt64(0, true);
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
          throw fault(`BitConverter.ToInt64: ${value} is outside this gateway's long range ±(2^53 - 1)`);
        }
        return Number(value);
      }),
    ),
    ToDouble: method(
      sig<null, [Uint8Array, number]>([BYTE_ARRAY, INT], DOUBLE, (_, b, i) =>
        view(b, i, 8, 'ToDouble').getFloat64(0, true),
      ),
    ),
    ToBoolean: method(
      sig<null, [Uint8Array, number]>(
        [BYTE_ARRAY, INT],
        BOOL,
        (_, b, i) => view(b, i, 1, 'ToBoolean').getUint8(0) !== 0,
      ),
    ),
  },
);

export const systemBytes: LibraryModule = {
  staticMembers: { BitConverter, 'System.BitConverter': BitConverter },
  runtimeTypeName: (value) => (value instanceof Uint8Array ? 'byte[]' : undefined),
  format: (value) => (value instanceof Uint8Array ? 'System.Byte[]' : undefined),
};
