import type { IssuerSigningKey } from '../model';
import type { ElementReader } from './element-reader';
import { PolicyImportError } from './policy-import-error';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** IdentityModel refuses HS256 keys under 128 bits (IDX10653); so do we. */
const MIN_SYMMETRIC_BYTES = 16;

/**
 * `<issuer-signing-keys><key>`: inline Base64 text is a symmetric (HS256) key, `certificate-id`
 * names an uploaded certificate, `n` + `e` an RSA public key; `id` matches the token's `kid`.
 * Exactly one form per key.
 */
export function readSigningKeys(reader: ElementReader | undefined): IssuerSigningKey[] {
  if (reader === undefined) return [];
  reader.expectShape([], ['key']);
  const keys = reader.children('key').map(readKey);
  if (keys.length === 0) throw new PolicyImportError('IMPORT_MISSING', 'needs at least one <key>.', reader.at());
  return keys;
}

function readKey(key: ElementReader): IssuerSigningKey {
  key.expectShape(['id', 'certificate-id', 'n', 'e'], [], true);
  const id = key.attribute('id');
  const withId = id === undefined ? {} : { id };
  const hasText = key.element.text.trim() !== '';
  const attrs = key.element.attributes;
  const forms = [
    hasText && 'inline key',
    attrs['certificate-id'] !== undefined && 'certificate-id',
    (attrs['n'] !== undefined || attrs['e'] !== undefined) && 'n/e',
  ].filter(Boolean);
  if (forms.length !== 1) {
    const detail =
      forms.length === 0
        ? 'has no key; give Base64 key text, certificate-id, or n and e.'
        : `mixes ${forms.join(' and ')}; give exactly one form per <key>.`;
    throw new PolicyImportError(forms.length === 0 ? 'IMPORT_MISSING' : 'IMPORT_INVALID_VALUE', detail, key.at());
  }
  if (attrs['certificate-id'] !== undefined)
    return {
      kind: 'certificate',
      certificateId: key.requiredAttribute('certificate-id'),
      ...withId,
    };
  if (hasText) return { kind: 'symmetric', base64: symmetric(key), ...withId };
  // APIM: n and e do not allow expressions.
  const n = key.attribute('n', { expressions: false });
  const e = key.attribute('e', { expressions: false });
  if (n === undefined || e === undefined) {
    throw new PolicyImportError(
      'IMPORT_MISSING',
      'n and e must be given together (RSA modulus and exponent).',
      key.at(n === undefined ? 'n' : 'e'),
    );
  }
  for (const [name, value] of [
    ['n', n],
    ['e', e],
  ] as const) {
    if (!BASE64URL.test(value.trim())) {
      throw new PolicyImportError(
        'IMPORT_INVALID_VALUE',
        'must be Base64url (letters, digits, - and _).',
        key.at(name),
      );
    }
  }
  return { kind: 'rsa', n: n.trim(), e: e.trim(), ...withId };
}

function symmetric(key: ElementReader): string {
  const text = key.text();
  if (!BASE64.test(text)) {
    throw new PolicyImportError(
      'IMPORT_INVALID_VALUE',
      'must be a Base64-encoded key (inline keys are symmetric HS256 keys; give RSA keys as n/e, certificate-id or openid-config).',
      key.at(),
    );
  }
  const bytes = (text.length / 4) * 3 - (text.match(/=+$/)?.[0].length ?? 0);
  if (bytes < MIN_SYMMETRIC_BYTES) {
    throw new PolicyImportError(
      'IMPORT_INVALID_VALUE',
      `is shorter than ${MIN_SYMMETRIC_BYTES * 8} bits; use a longer random key (32 bytes or more).`,
      key.at(),
    );
  }
  return text;
}
