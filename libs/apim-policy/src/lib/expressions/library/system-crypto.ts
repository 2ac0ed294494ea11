import { createHash, createHmac, randomBytes, randomFillSync } from 'node:crypto';
import { type Overload, type Property, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { INT, type Type, named } from '../types';
import type { LibraryConversion, LibraryModule } from './library-module';
import { BYTE_ARRAY, checkSlice } from './system-bytes';

/**
 * `System.Security.Cryptography` hashes as APIM allows them: `MD5`, `SHA1`, `SHA256`, `SHA384`,
 * `SHA512` (`X.Create()`, `new XManaged()`, static `X.HashData(bytes)`), the keyed
 * `HMACMD5`/`HMACSHA1`/`HMACSHA256`/`HMACSHA384`/`HMACSHA512` (`new HMACSHA256(key)`, `Key`,
 * static `HMACSHA256.HashData(key, bytes)`), all with `ComputeHash(bytes[, offset, count])`,
 * `Hash`, `HashSize`, `Dispose()`; and `RNGCryptoServiceProvider.GetBytes(buffer)`. Computed with
 * node:crypto. RSA, X509 and symmetric ciphers are not implemented.
 */

const VOID: Type = named('void');
const CRYPTO = 'System.Security.Cryptography.';

interface Algorithm {
  /** node:crypto name. */
  readonly node: string;
  /** Hash size in bits. */
  readonly bits: number;
  /** HMAC block size in bytes: the key size `new HMACSHAxxx()` draws. */
  readonly block: number;
}

const ALGORITHMS: Readonly<Record<string, Algorithm>> = {
  MD5: { node: 'md5', bits: 128, block: 64 },
  SHA1: { node: 'sha1', bits: 160, block: 64 },
  SHA256: { node: 'sha256', bits: 256, block: 64 },
  SHA384: { node: 'sha384', bits: 384, block: 128 },
  SHA512: { node: 'sha512', bits: 512, block: 128 },
};

/** A hash or HMAC object; `typeName` is the C# type it was created as (`SHA256`, `HMACSHA256`). */
export class HashAlgorithmValue {
  hash: Uint8Array | null = null;
  disposed = false;

  constructor(
    readonly typeName: string,
    readonly algorithm: Algorithm,
    /** Present for HMACs. */
    public key?: Uint8Array,
  ) {}

  compute(bytes: Uint8Array): Uint8Array {
    if (this.disposed) throw fault(`${this.typeName}.ComputeHash: the object was disposed (ObjectDisposedException)`);
    const digest = this.key ? hmac(this.algorithm, this.key, bytes) : hash(this.algorithm, bytes);
    this.hash = digest;
    return Uint8Array.from(digest);
  }
}

export class RandomGeneratorValue {}

function hash(algorithm: Algorithm, bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm.node).update(bytes).digest());
}

function hmac(algorithm: Algorithm, key: Uint8Array, bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac(algorithm.node, key).update(bytes).digest());
}

function nonNull<T>(value: T | null, what: string): T {
  if (value === null) throw fault(`${what} is null (ArgumentNullException)`);
  return value;
}

/** Concrete type names: `SHA256`, `SHA256Managed`, `HMACSHA256`, …; base types they convert to implicitly. */
const HASH_TYPES = Object.keys(ALGORITHMS).flatMap((name) => (name === 'MD5' ? [name] : [name, `${name}Managed`]));
const HMAC_TYPES = Object.keys(ALGORITHMS).map((name) => `HMAC${name}`);
const BASE_TYPES = ['HashAlgorithm', 'KeyedHashAlgorithm', 'HMAC'];
const ALL_TYPES = [...HASH_TYPES, ...HMAC_TYPES, ...BASE_TYPES];

const algorithmOf = (typeName: string): Algorithm => ALGORITHMS[typeName.replace(/^HMAC/, '').replace(/Managed$/, '')];

function computeHash(returnsFor: Type): Overload[] {
  return [
    sig<HashAlgorithmValue, [Uint8Array | null]>(
      [BYTE_ARRAY],
      returnsFor,
      (h, bytes) => h.compute(nonNull(bytes, 'ComputeHash: the buffer')),
      { allowsNull: true },
    ),
    sig<HashAlgorithmValue, [Uint8Array, number, number]>(
      [BYTE_ARRAY, INT, INT],
      returnsFor,
      (h, bytes, offset, count) => h.compute(checkSlice(bytes, offset, count, 'ComputeHash')),
    ),
  ];
}

const keyProperty: Property = Object.assign(
  prop<HashAlgorithmValue>(BYTE_ARRAY, (h) => (h.key ? Uint8Array.from(h.key) : null)),
  {
    set: (target: unknown, value: unknown) => {
      (target as HashAlgorithmValue).key = Uint8Array.from(nonNull(value as Uint8Array | null, 'HMAC.Key'));
    },
  },
);

const hashProperties = {
  Hash: prop<HashAlgorithmValue>(BYTE_ARRAY, (h) => {
    if (!h.hash)
      throw fault(`${h.typeName}.Hash: no hash was computed yet (CryptographicUnexpectedOperationException)`);
    return Uint8Array.from(h.hash);
  }),
  HashSize: prop<HashAlgorithmValue>(INT, (h) => h.algorithm.bits),
};

const hashMethods = {
  ComputeHash: method(...computeHash(BYTE_ARRAY)),
  Dispose: method(sig<HashAlgorithmValue, []>([], VOID, (h) => void (h.disposed = true))),
  Clear: method(sig<HashAlgorithmValue, []>([], VOID, (h) => void (h.disposed = true))),
};

const HashMembers: TypeMembers = members(hashProperties, hashMethods);
const HmacMembers: TypeMembers = members({ ...hashProperties, Key: keyProperty }, hashMethods);

function hashStatics(name: string): TypeMembers {
  const algorithm = ALGORITHMS[name];
  return members(
    {},
    {
      Create: method(sig<null, []>([], named(name), () => new HashAlgorithmValue(name, algorithm))),
      HashData: method(
        sig<null, [Uint8Array | null]>(
          [BYTE_ARRAY],
          BYTE_ARRAY,
          (_, bytes) => hash(algorithm, nonNull(bytes, `${name}.HashData: the source`)),
          {
            allowsNull: true,
          },
        ),
      ),
    },
  );
}

function hmacStatics(name: string): TypeMembers {
  const algorithm = algorithmOf(name);
  return members(
    {},
    {
      HashData: method(
        sig<null, [Uint8Array | null, Uint8Array | null]>(
          [BYTE_ARRAY, BYTE_ARRAY],
          BYTE_ARRAY,
          (_, key, bytes) =>
            hmac(algorithm, nonNull(key, `${name}.HashData: the key`), nonNull(bytes, `${name}.HashData: the source`)),
          { allowsNull: true },
        ),
      ),
    },
  );
}

function hmacConstructors(name: string): Overload[] {
  const algorithm = algorithmOf(name);
  return [
    sig<null, []>(
      [],
      named(name),
      () => new HashAlgorithmValue(name, algorithm, new Uint8Array(randomBytes(algorithm.block))),
    ),
    sig<null, [Uint8Array | null]>(
      [BYTE_ARRAY],
      named(name),
      (_, key) => new HashAlgorithmValue(name, algorithm, Uint8Array.from(nonNull(key, `new ${name}(key): the key`))),
      { allowsNull: true },
    ),
  ];
}

const RANDOM = named('RNGCryptoServiceProvider');
const RandomMembers: TypeMembers = members(
  {},
  {
    GetBytes: method(
      sig<RandomGeneratorValue, [Uint8Array | null]>(
        [BYTE_ARRAY],
        VOID,
        (_, buffer) => void randomFillSync(nonNull(buffer, 'GetBytes: the buffer')),
        {
          allowsNull: true,
        },
      ),
    ),
    GetNonZeroBytes: method(
      sig<RandomGeneratorValue, [Uint8Array | null]>(
        [BYTE_ARRAY],
        VOID,
        (_, buffer) => {
          const target = nonNull(buffer, 'GetNonZeroBytes: the buffer');
          for (let i = 0; i < target.length; i++) {
            do target[i] = randomBytes(1)[0];
            while (target[i] === 0);
          }
        },
        { allowsNull: true },
      ),
    ),
    Dispose: method(sig<RandomGeneratorValue, []>([], VOID, () => undefined)),
  },
);

const withNamespace = <T>(entries: [string, T][]): Record<string, T> =>
  Object.fromEntries(
    entries.flatMap(([name, value]) => [
      [name, value],
      [`${CRYPTO}${name}`, value],
    ]),
  );

const upcasts: LibraryConversion[] = [
  ...HASH_TYPES.map((from) => ({ from, to: 'HashAlgorithm' })),
  ...HMAC_TYPES.flatMap((from) => BASE_TYPES.map((to) => ({ from, to }))),
  ...HASH_TYPES.filter((t) => t.endsWith('Managed')).map((from) => ({ from, to: from.replace(/Managed$/, '') })),
].map(({ from, to }) => ({ from, to, implicit: true, convert: (value: unknown) => value }));

export const systemCrypto: LibraryModule = {
  staticMembers: withNamespace([
    ...Object.keys(ALGORITHMS).map((name): [string, TypeMembers] => [name, hashStatics(name)]),
    ...HMAC_TYPES.map((name): [string, TypeMembers] => [name, hmacStatics(name)]),
  ]),
  constructors: withNamespace([
    ...HASH_TYPES.filter((t) => t.endsWith('Managed')).map((name): [string, Overload[]] => [
      name,
      [sig<null, []>([], named(name), () => new HashAlgorithmValue(name, algorithmOf(name)))],
    ]),
    ...HMAC_TYPES.map((name): [string, Overload[]] => [name, hmacConstructors(name)]),
    ['RNGCryptoServiceProvider', [sig<null, []>([], RANDOM, () => new RandomGeneratorValue())]],
  ]),
  typeNames: withNamespace(
    [...ALL_TYPES, 'RNGCryptoServiceProvider'].map((name): [string, Type] => [name, named(name)]),
  ),
  conversions: upcasts,
  instanceMembers(type) {
    if (type.name === 'RNGCryptoServiceProvider') return RandomMembers;
    if (HMAC_TYPES.includes(type.name) || type.name === 'HMAC' || type.name === 'KeyedHashAlgorithm')
      return HmacMembers;
    if (HASH_TYPES.includes(type.name) || type.name === 'HashAlgorithm') return HashMembers;
    return undefined;
  },
  isInstanceOf(value, type) {
    if (type.name === 'RNGCryptoServiceProvider') return value instanceof RandomGeneratorValue;
    if (!ALL_TYPES.includes(type.name)) return undefined;
    if (!(value instanceof HashAlgorithmValue)) return false;
    if (type.name === 'HashAlgorithm') return true;
    if (BASE_TYPES.includes(type.name)) return value.key !== undefined;
    return value.typeName === type.name || value.typeName === `${type.name}Managed`;
  },
  format(value) {
    if (value instanceof HashAlgorithmValue) return `${CRYPTO}${value.typeName}`;
    if (value instanceof RandomGeneratorValue) return `${CRYPTO}RNGCryptoServiceProvider`;
    return undefined;
  },
  runtimeTypeName(value) {
    if (value instanceof HashAlgorithmValue) return value.typeName;
    if (value instanceof RandomGeneratorValue) return 'RNGCryptoServiceProvider';
    return undefined;
  },
};
