import { ExpressionProblem } from './expression-error';
import { tokenize } from './tokenizer';

const values = (source: string) => tokenize(source).map((t) => (t.value !== undefined ? t.value : t.text));
const kinds = (source: string) => tokenize(source).map((t) => t.kind);

function problem(source: string): ExpressionProblem {
  try {
    tokenize(source);
  } catch (error) {
    if (error instanceof ExpressionProblem) return error;
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
}

describe('tokenize', () => {
  it('decodes C# string escapes', () => {
    expect(values(String.raw`"a\"b\\c\n\t\u0041\x42\0"`)).toEqual(['a"b\\c\n\tAB\0', '']);
  });

  it('reads verbatim strings with doubled quotes and raw backslashes', () => {
    expect(values('@"C:\\path ""quoted"""')).toEqual(['C:\\path "quoted"', '']);
  });

  it('types integer literals as int or long (L suffix, or too big for an int)', () => {
    expect(kinds('1 2147483647 2147483648 5L 0xFFL 1.5')).toEqual([
      'int',
      'int',
      'long',
      'long',
      'long',
      'double',
      'eof',
    ]);
  });

  it('splits interpolated strings into decoded text and hole spans', () => {
    const source = String.raw`$"a{{\t{x,5:D2}}}{y}"`;
    const [token] = tokenize(source);
    expect(token.kind).toBe('interpolated');
    const pieces = (token.pieces ?? []).map((piece) =>
      piece.kind === 'text'
        ? piece.text
        : [
            source.slice(piece.start, piece.end),
            piece.alignment ? source.slice(piece.alignment.start, piece.alignment.end) : undefined,
            piece.format,
          ],
    );
    expect(pieces).toEqual(['a{\t', ['x', '5', 'D2'], '}', ['y', undefined, undefined]]);
    expect(tokenize(String.raw`$@"{a}\""b"`)[0].pieces).toEqual([
      { kind: 'hole', start: 4, end: 5 },
      { kind: 'text', text: '\\"b' },
    ]);
  });

  it('reads chars, integers, doubles, keywords and identifiers', () => {
    expect(values("'x' '\\'' 42 0x1F 1.5 .5 2e3 3d true var string")).toEqual([
      'x',
      "'",
      42,
      31,
      1.5,
      0.5,
      2000,
      3,
      'true',
      'var',
      'string',
      '',
    ]);
    expect(kinds("'x' 42 1.5 true var string")).toEqual([
      'char',
      'int',
      'double',
      'keyword',
      'identifier',
      'keyword',
      'eof',
    ]);
  });

  it('takes the longest punctuator and keeps ?. apart from a ?.5 conditional', () => {
    expect(values('a?.b ?? c?[0] != d')).toEqual(['a', '?.', 'b', '??', 'c', '?[', 0, ']', '!=', 'd', '']);
    expect(values('a ?.5 : 1')).toEqual(['a', '?', 0.5, ':', 1, '']);
  });

  it('skips // and /* */ comments', () => {
    expect(values('a /* note */ + // rest\n b')).toEqual(['a', '+', 'b', '']);
  });

  it('refuses broken literals with the offset of the problem', () => {
    expect(problem('"open').message).toBe('string literal is not closed with "');
    expect(problem("'ab'").message).toBe("character literal must hold exactly one character and end with '");
    expect(problem('"\\u12"').message).toBe('escape \\u needs 4 hex digits');
    expect(problem('a # b')).toMatchObject({ kind: 'invalid', offset: 2, message: 'unexpected character "#"' });
    expect(problem('1.5m')).toMatchObject({ kind: 'unsupported' });
    expect(problem('9007199254740993')).toMatchObject({ kind: 'unsupported' });
    expect(problem('$"x{y')).toMatchObject({ kind: 'invalid' });
    expect(problem('$"x}y"')).toMatchObject({
      kind: 'invalid',
      message: 'a lone } in an interpolated string must be doubled: }}',
    });
  });
});
