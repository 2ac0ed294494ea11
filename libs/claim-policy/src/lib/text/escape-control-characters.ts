const NAMED: Readonly<Record<number, string>> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

/** C0 controls, DEL, C1 controls and the JavaScript line terminators U+2028/U+2029. */
export function isControlCharacter(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/**
 * Makes user data safe for one line of a text log: every control character (see
 * {@link isControlCharacter}) becomes a visible escape (`\n`, `\r`, `\t`, otherwise `\uXXXX`), so a
 * newline in a claim cannot forge a log line and no terminal escape sequence reaches a console.
 * Text without controls is returned as is, without allocating.
 *
 * @example escapeControlCharacters('a\nb') // 'a\\nb'
 */
export function escapeControlCharacters(text: string): string {
  let escaped: string | undefined;
  let copied = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isControlCharacter(code)) continue;
    escaped = (escaped ?? '') + text.slice(copied, index) + (NAMED[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);
    copied = index + 1;
  }
  return escaped === undefined ? text : escaped + text.slice(copied);
}
