import fc from 'fast-check';
import { escapeControlCharacters, isControlCharacter } from './escape-control-characters';

const hasControl = (text: string) => [...text].some((char) => isControlCharacter(char.charCodeAt(0)));

describe('escapeControlCharacters', () => {
  it.each([
    ['plain text', 'https://issuer/ tenant', 'https://issuer/ tenant'],
    ['newline', 'a\nb', 'a\\nb'],
    ['CR LF forging a log line', 'x\r\n[INFO] admin logged in', 'x\\r\\n[INFO] admin logged in'],
    ['tab', 'a\tb', 'a\\tb'],
    ['NUL', 'a\u0000b', 'a\\u0000b'],
    ['ESC (terminal sequences)', '\u001b[31mred', '\\u001b[31mred'],
    ['DEL', '\u007f', '\\u007f'],
    ['C1 NEL', '\u0085', '\\u0085'],
    ['line separator', '\u2028', '\\u2028'],
    ['paragraph separator', '\u2029', '\\u2029'],
    ['non-ASCII letters stay', 'é中', 'é中'],
  ])('%s', (_name, input, expected) => {
    expect(escapeControlCharacters(input)).toBe(expected);
  });

  it('leaves no control character in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(hasControl(escapeControlCharacters(text))).toBe(false);
      }),
    );
  });

  it('returns text without controls unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!hasControl(text));
        expect(escapeControlCharacters(text)).toBe(text);
      }),
    );
  });
});
