import { createCipheriv, createDecipheriv } from 'node:crypto';
import { type Method, type TypeMembers, fault, method, sig } from '../members';
import { STRING, type Type } from '../types';
import { collectionMembers } from './collections';
import type { LibraryModule } from './library-module';
import { BYTE_ARRAY } from './system-bytes';

/**
 * APIM's own extension methods `byte[].Encrypt(alg, key, iv)` and `byte[].Decrypt(alg, key, iv)`
 * (policy-expressions reference): `alg` names a .NET symmetric algorithm — `Aes`/`Rijndael`
 * (128-bit blocks; 16/24/32-byte keys) or `TripleDES`/`3DES` (16/24-byte keys) — used as .NET's
 * defaults: CBC with PKCS7 padding. DES and RC2 are refused (obsolete; not in node's default
 * OpenSSL provider). Bad keys, IVs or padding are CryptographicException faults. The overloads
 * taking a SymmetricAlgorithm object are not implemented: APIM lists no way to create one.
 */

interface Cipher {
  readonly node: (keyLength: number) => string | undefined;
  readonly iv: number;
}

const AES: Cipher = { node: (key) => ({ 16: 'aes-128-cbc', 24: 'aes-192-cbc', 32: 'aes-256-cbc' })[key], iv: 16 };
const TRIPLE_DES: Cipher = { node: (key) => ({ 16: 'des-ede-cbc', 24: 'des-ede3-cbc' })[key], iv: 8 };

const ALGORITHMS: Readonly<Record<string, Cipher>> = {
  aes: AES,
  rijndael: AES,
  'system.security.cryptography.aes': AES,
  'system.security.cryptography.rijndael': AES,
  tripledes: TRIPLE_DES,
  '3des': TRIPLE_DES,
  'system.security.cryptography.tripledes': TRIPLE_DES,
};

function cipherName(alg: string, key: Uint8Array, iv: Uint8Array): string {
  const cipher = ALGORITHMS[alg.toLowerCase()];
  if (!cipher) {
    throw fault(
      `"${alg}" is not a symmetric algorithm this gateway has (CryptographicException); use "Aes" or "TripleDES"`,
    );
  }
  const name = cipher.node(key.length);
  if (!name)
    throw fault(
      `Specified key is not a valid size for this algorithm: ${key.length} bytes for ${alg} (CryptographicException)`,
    );
  if (iv.length !== cipher.iv) {
    throw fault(
      `Specified initialization vector (IV) does not match the block size: ${iv.length} bytes, ${alg} needs ${cipher.iv} (CryptographicException)`,
    );
  }
  return name;
}

function run(
  decrypt: boolean,
  input: Uint8Array,
  alg: string | null,
  key: Uint8Array | null,
  iv: Uint8Array | null,
): Uint8Array {
  if (alg === null || key === null || iv === null) {
    throw fault(`${decrypt ? 'Decrypt' : 'Encrypt'}: the algorithm, key or IV is null (ArgumentNullException)`);
  }
  const name = cipherName(alg, key, iv);
  try {
    const cipher = decrypt ? createDecipheriv(name, key, iv) : createCipheriv(name, key, iv);
    return new Uint8Array(Buffer.concat([cipher.update(input), cipher.final()]));
  } catch {
    throw fault(
      decrypt
        ? 'Padding is invalid and cannot be removed (CryptographicException)'
        : `${alg} encryption failed (CryptographicException)`,
    );
  }
}

const crypt = (decrypt: boolean): Method =>
  method(
    sig<Uint8Array, [string | null, Uint8Array | null, Uint8Array | null]>(
      [STRING, BYTE_ARRAY, BYTE_ARRAY],
      BYTE_ARRAY,
      (input, alg, key, iv) => run(decrypt, input, alg, key, iv),
      { allowsNull: true },
    ),
  );

const CIPHER_METHODS = { Encrypt: crypt(false), Decrypt: crypt(true) };

let byteArrayMembers: TypeMembers | undefined;

/** `byte[]`'s collection members (collections.ts) plus Encrypt/Decrypt. */
function membersOfByteArray(type: Type): TypeMembers {
  if (!byteArrayMembers) {
    const base = collectionMembers(type);
    byteArrayMembers = base
      ? { ...base, methods: { ...base.methods, ...CIPHER_METHODS } }
      : { properties: {}, methods: CIPHER_METHODS };
  }
  return byteArrayMembers;
}

export const systemCipher: LibraryModule = {
  instanceMembers: (type) => (type.name === 'byte[]' && !type.nullable ? membersOfByteArray(type) : undefined),
};
