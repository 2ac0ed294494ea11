/**
 * Canonical unpadded base64url (RFC 7515 §2, RFC 4648 §5): only `A-Z a-z 0-9 - _`, no `=`, a length
 * that is not 1 mod 4, and the unused low bits of the last character zero. Node's decoder accepts
 * all of those variants and silently skips foreign characters, so one token would have many
 * spellings; anything keyed on the token string (caches, deny-lists, replay checks) must see one.
 *
 * Checked with one pass over the character codes and no allocation: this runs on every request.
 */
export function isCanonicalBase64url(text: string, start = 0, end = text.length): boolean {
  const length = end - start;
  const tail = length % 4;
  if (tail === 1) return false;
  let last = 0;
  for (let index = start; index < end; index++) {
    last = sextet(text.charCodeAt(index));
    if (last < 0) return false;
  }
  // 2 trailing characters carry 12 bits for 1 byte (4 unused), 3 carry 18 bits for 2 bytes (2 unused).
  if (tail === 2) return (last & 0x0f) === 0;
  if (tail === 3) return (last & 0x03) === 0;
  return true;
}

/** The 6-bit value of a base64url character, or -1 for anything else. */
function sextet(code: number): number {
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 71; // a-z
  if (code >= 48 && code <= 57) return code + 4; // 0-9
  if (code === 45) return 62; // -
  if (code === 95) return 63; // _
  return -1;
}
