import { tokenize } from './tokenizer';

/**
 * Whether an expression (already compiled, so it tokenizes) names a `Body` member anywhere. The
 * pipeline buffers message bodies only for policies that may read them, so streaming stays the
 * default; naming `Body` without reading it only costs a buffer.
 */
export function mentionsBody(source: string): boolean {
  try {
    // Interpolated strings hold code too: a `.Body` anywhere in their text counts.
    return tokenize(source, source.indexOf('@') + 1).some(
      (token) => token.text === 'Body' || (token.kind !== 'identifier' && token.text.includes('.Body')),
    );
  } catch {
    return true;
  }
}
