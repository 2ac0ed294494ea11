import { invalid, unsupported } from './expression-error';

export type TokenKind = 'identifier' | 'keyword' | 'string' | 'char' | 'int' | 'double' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token (for punctuators and names, what the parser compares). */
  readonly text: string;
  /** Decoded value of a string, char or number literal. */
  readonly value?: string | number;
  readonly start: number;
  readonly end: number;
}

/** C# reserved words; `var` is contextual and stays an identifier. */
const KEYWORDS = new Set(
  (
    'abstract as base bool break byte case catch char checked class const continue decimal default delegate do double ' +
    'else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal ' +
    'is lock long namespace new null object operator out override params private protected public readonly ref return ' +
    'sbyte sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked ' +
    'unsafe ushort using virtual void volatile while'
  ).split(' '),
);

/** Longest first, so `??` wins over `?`. `>>` is left out on purpose: `List<List<int>>` must close twice. */
const PUNCTUATORS = [
  '??=', '<<=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '?[', '++', '--', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '<<', '::', '(', ')', '{', '}', '[', ']', '.', ',', ';', ':', '?', '!', '~', '+', '-', '*', '/',
  '%', '<', '>', '=', '&', '|', '^',
]; // prettier-ignore

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "'": "'", '"': '"', '\\': '\\', '0': '\0', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
}; // prettier-ignore

/** Splits C# source into tokens; `start` is where scanning begins (after the leading `@`). */
export function tokenize(source: string, start = 0): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (true) {
    i = skipTrivia(source, i);
    if (i >= source.length) break;
    const token = scan(source, i);
    tokens.push(token);
    i = token.end;
  }
  tokens.push({ kind: 'eof', text: '', start: source.length, end: source.length });
  return tokens;
}

function skipTrivia(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    if (/\s/.test(source[i])) i++;
    else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) throw invalid('comment /* is not closed with */', i);
      i = close + 2;
    } else break;
  }
  return i;
}

function scan(source: string, i: number): Token {
  const c = source[i];
  if (c === '"') return scanString(source, i);
  if (c === '@' && source[i + 1] === '"') return scanVerbatim(source, i);
  if (c === '$' || (c === '@' && source[i + 1] === '$')) {
    throw unsupported('interpolated strings ($"…") are not supported; join text with + instead', i);
  }
  if (c === "'") return scanChar(source, i);
  if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) return scanNumber(source, i);
  if (/[A-Za-z_]/.test(c)) {
    let end = i + 1;
    while (end < source.length && /[A-Za-z0-9_]/.test(source[end])) end++;
    const text = source.slice(i, end);
    return { kind: KEYWORDS.has(text) ? 'keyword' : 'identifier', text, start: i, end };
  }
  for (const p of PUNCTUATORS) {
    if (!source.startsWith(p, i)) continue;
    // `a ?.5 : 1` is a conditional with the literal .5, not a null-conditional access.
    if (p === '?.' && /[0-9]/.test(source[i + 2] ?? '')) continue;
    return { kind: 'punct', text: p, start: i, end: i + p.length };
  }
  throw invalid(`unexpected character "${c}"`, i);
}

function scanString(source: string, start: number): Token {
  let value = '';
  let i = start + 1;
  while (true) {
    const c = source[i];
    if (c === undefined || c === '\n') throw invalid('string literal is not closed with "', start);
    if (c === '"') break;
    if (c === '\\') {
      const [text, next] = scanEscape(source, i);
      value += text;
      i = next;
    } else {
      value += c;
      i++;
    }
  }
  return { kind: 'string', text: source.slice(start, i + 1), value, start, end: i + 1 };
}

function scanVerbatim(source: string, start: number): Token {
  let value = '';
  let i = start + 2;
  while (true) {
    const c = source[i];
    if (c === undefined) throw invalid('verbatim string @"…" is not closed with "', start);
    if (c === '"') {
      if (source[i + 1] !== '"') break;
      value += '"';
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  return { kind: 'string', text: source.slice(start, i + 1), value, start, end: i + 1 };
}

function scanChar(source: string, start: number): Token {
  let i = start + 1;
  let value: string;
  if (source[i] === '\\') [value, i] = scanEscape(source, i);
  else if (source[i] === undefined || source[i] === "'" || source[i] === '\n')
    throw invalid('empty character literal', start);
  else value = source[i++];
  if (source[i] !== "'") throw invalid("character literal must hold exactly one character and end with '", start);
  if (value.length !== 1)
    throw unsupported('characters outside the Basic Multilingual Plane are not supported in a char', start);
  return { kind: 'char', text: source.slice(start, i + 1), value, start, end: i + 1 };
}

/** Decodes the escape at `i` (a backslash); returns the text and the offset after it. */
function scanEscape(source: string, i: number): [string, number] {
  const e = source[i + 1];
  if (e !== undefined && e in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[e], i + 2];
  const hex = (from: number, min: number, max: number): [string, number] => {
    let end = from;
    while (end < from + max && /[0-9A-Fa-f]/.test(source[end] ?? '')) end++;
    if (end - from < min) throw invalid(`escape \\${e} needs ${min === max ? min : `${min} to ${max}`} hex digits`, i);
    const code = parseInt(source.slice(from, end), 16);
    if (code > 0x10ffff) throw invalid(`escape \\${e} is beyond U+10FFFF`, i);
    return [String.fromCodePoint(code), end];
  };
  if (e === 'u') return hex(i + 2, 4, 4);
  if (e === 'U') return hex(i + 2, 8, 8);
  if (e === 'x') return hex(i + 2, 1, 4);
  throw invalid(
    `unknown escape sequence \\${e ?? ''}; C# knows \\" \\' \\\\ \\0 \\a \\b \\f \\n \\r \\t \\v \\uXXXX \\xH`,
    i,
  );
}

function scanNumber(source: string, start: number): Token {
  const hexMatch = /^0[xX]([0-9A-Fa-f]+)/.exec(source.slice(start));
  if (hexMatch) {
    const end = start + hexMatch[0].length;
    return { kind: 'int', text: hexMatch[0], value: checkedInt(parseInt(hexMatch[1], 16), start), start, end };
  }
  const match = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(source.slice(start));
  const digits = match ? match[0] : '';
  let end = start + digits.length;
  const suffix = /^[A-Za-z]+/.exec(source.slice(end))?.[0] ?? '';
  end += suffix.length;
  const text = source.slice(start, end);
  const isReal = /[.eE]/.test(digits);
  const lower = suffix.toLowerCase();
  if (lower === 'd' || (lower === '' && isReal)) return { kind: 'double', text, value: Number(digits), start, end };
  if (lower === '') return { kind: 'int', text, value: checkedInt(Number(digits), start), start, end };
  if (['m', 'f', 'l', 'u', 'ul', 'lu'].includes(lower)) {
    throw unsupported(`number suffix "${suffix}" is not supported; write an int (42) or a double (4.2 or 4.2d)`, start);
  }
  throw invalid(`"${text}" is not a number`, start);
}

function checkedInt(value: number, offset: number): number {
  if (value > 2147483647) throw unsupported('integers above 2147483647 (long) are not supported', offset);
  return value;
}
