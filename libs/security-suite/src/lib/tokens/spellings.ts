/**
 * Other spellings of the same bytes in base64url (RFC 4648 §3.5): a last character with other unused low bits, and
 * `=` padding. A verifier must accept only the canonical unpadded form, or one token gets many spellings.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unused low bits of the last character of a canonical unpadded segment of this length. */
export function unusedBits(length: number): number {
  return length % 4 === 2 ? 4 : length % 4 === 3 ? 2 : 0;
}

/** The segment with its lowest unused bit set (same bytes for a lenient decoder), or undefined when it has none. */
export function withOtherLowBits(text: string): string | undefined {
  if (unusedBits(text.length) === 0) return undefined;
  const last = ALPHABET.indexOf(text[text.length - 1]);
  return `${text.slice(0, -1)}${ALPHABET[last ^ 1]}`;
}

/** The segment padded with `=` to a multiple of 4, or undefined when it needs no padding. */
export function padded(text: string): string | undefined {
  const missing = (4 - (text.length % 4)) % 4;
  return missing === 0 ? undefined : `${text}${'='.repeat(missing)}`;
}

/** JSON text padded with trailing spaces so that its base64url has unused bits in its last character. */
export function withUnusedBits(json: string): string {
  let text = json;
  while (text.length % 3 !== 1) text += ' ';
  return text;
}
