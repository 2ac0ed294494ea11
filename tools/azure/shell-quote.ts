/**
 * Shell quoting for the printed script: every value from a configuration file reaches bash as one single-quoted
 * word, so quotes, `$(...)`, backticks, globs and newlines in a display name stay text.
 */

/** `it's` → `'it'\''s'`: POSIX single quotes, the only quoting with no special characters inside. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A comment line that cannot end early: control characters (a newline would start a command) shown escaped. */
export function shellComment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `# ${text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
}
