import { escapeControlCharacters } from '@stack/claim-policy';

/**
 * Request data (a path, an error message quoting a header or a claim) as it may appear in a log: control
 * characters escaped (JSON leaves C1 controls and U+2028/U+2029 raw, and text viewers break lines on them) and
 * cut at `max` characters, so no line repeats a whole token or a 16 KiB header.
 */
export function loggableText(text: string, max = 512): string {
  const bounded = text.length > max ? `${text.slice(0, max)}…(${text.length} characters)` : text;
  return escapeControlCharacters(bounded);
}
