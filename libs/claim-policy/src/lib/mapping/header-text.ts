/**
 * Makes text safe for an RFC 6750 quoted auth-param: only %x20-21 / %x23-5B / %x5D-7E, so no
 * quotes, backslashes, control or non-ASCII characters (replaced by `?`, quotes by `'`).
 */
export function quotableText(text: string): string {
  return text.replace(/"/g, "'").replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '?');
}

/** True when `value` is a valid RFC 6750 scope-token (%x21 / %x23-5B / %x5D-7E). */
export function isScopeToken(value: string): boolean {
  return /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(value);
}
