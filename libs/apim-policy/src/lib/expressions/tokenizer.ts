import { invalid, unsupported } from './expression-error';

export type TokenKind =
  | 'identifier'
  | 'keyword'
  | 'string'
  | 'interpolated'
  | 'char'
  | 'int'
  | 'long'
  | 'double'
  | 'punct'
  | 'eof';

/** A piece of an interpolated string: decoded text, or the source span of a hole's parts. */
export type InterpolationPiece =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'hole';
      readonly start: number;
      readonly end: number;
      /** Span of the `,alignment` expression (without the comma). */
      readonly alignment?: { readonly start: number; readonly end: number };
      readonly format?: string;
    };

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token (for punctuators and names, what the parser compares). */
  readonly text: string;
  /** Decoded value of a string, char or number literal. */
  readonly value?: string | number;
  /** The pieces of an interpolated string. */
  readonly pieces?: readonly InterpolationPiece[];
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

/**
 * Splits C# source into tokens; `start` is where scanning begins (after the leading `@`), `end`
 * where it stops (the end of an interpolation hole).
 */
export function tokenize(source: string, start = 0, end = source.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (true) {
    i = skipTrivia(source, i, end);
    if (i >= end) break;
    const token = scan(source, i);
    if (token.end > end) throw invalid(`unexpected ${token.text}`, token.start);
    tokens.push(token);
    i = token.end;
  }
  tokens.push({ kind: 'eof', text: '', start: end, end });
  return tokens;
}

function skipTrivia(source: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    if (/\s/.test(source[i])) i++;
    else if (source.startsWith('//', i)) {
      while (i < end && source[i] !== '\n') i++;
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
  if (source.startsWith('$"', i)) return scanInterpolated(source, i, i + 2, false);
  if (source.startsWith('$@"', i) || source.startsWith('@$"', i)) return scanInterpolated(source, i, i + 3, true);
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
    const suffix = /^[lL]/.test(source.slice(end)) ? 1 : 0;
    const text = source.slice(start, end + suffix);
    return integerToken(text, parseInt(hexMatch[1], 16), start, end + suffix, suffix === 1);
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
  if (lower === '' || (lower === 'l' && !isReal)) return integerToken(text, Number(digits), start, end, lower === 'l');
  if (['m', 'f', 'u', 'ul', 'lu'].includes(lower)) {
    throw unsupported(
      `number suffix "${suffix}" is not supported; write an int (42), a long (42L) or a double (4.2 or 4.2d)`,
      start,
    );
  }
  throw invalid(`"${text}" is not a number`, start);
}

/** `int` up to 2147483647, `long` beyond (as C# types a literal that does not fit an int), or with `L`. */
function integerToken(text: string, value: number, start: number, end: number, long: boolean): Token {
  if (value > Number.MAX_SAFE_INTEGER) {
    throw unsupported('integers above 9007199254740991 are not supported (long values stay within 2^53)', start);
  }
  return { kind: long || value > 2147483647 ? 'long' : 'int', text, value, start, end };
}

/**
 * `$"text {value,alignment:format} {{braces}}"` (or verbatim `$@"…"`): the text pieces decoded,
 * the holes kept as source spans the parser reads as expressions.
 */
function scanInterpolated(source: string, start: number, from: number, verbatim: boolean): Token {
  const pieces: InterpolationPiece[] = [];
  let text = '';
  let i = from;
  const flush = () => {
    if (text !== '') pieces.push({ kind: 'text', text });
    text = '';
  };
  while (true) {
    const c = source[i];
    if (c === undefined || (c === '\n' && !verbatim)) throw invalid('interpolated string is not closed with "', start);
    if (c === '"') {
      if (verbatim && source[i + 1] === '"') {
        text += '"';
        i += 2;
        continue;
      }
      break;
    }
    if ((c === '{' || c === '}') && source[i + 1] === c) {
      text += c;
      i += 2;
    } else if (c === '}') {
      throw invalid('a lone } in an interpolated string must be doubled: }}', i);
    } else if (c === '{') {
      flush();
      const hole = scanHole(source, i + 1);
      pieces.push(hole.piece);
      i = hole.end + 1;
    } else if (c === '\\' && !verbatim) {
      const [decoded, next] = scanEscape(source, i);
      text += decoded;
      i = next;
    } else {
      text += c;
      i++;
    }
  }
  flush();
  return { kind: 'interpolated', text: source.slice(start, i + 1), pieces, start, end: i + 1 };
}

/** A hole's expression, optional `,alignment` and `:format`, from `from` up to its closing `}` (returned as `end`). */
function scanHole(source: string, from: number): { piece: InterpolationPiece; end: number } {
  let depth = 0;
  let i = from;
  let exprEnd = -1;
  let alignStart = -1;
  let alignEnd = -1;
  while (i < source.length) {
    const c = source[i];
    if (c === '"' || c === "'") {
      i = c === '"' ? scanString(source, i).end : scanChar(source, i).end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '}' && depth > 0) depth--;
    else if (depth === 0 && (c === '}' || c === ':' || c === ',')) {
      if (c === ',' && alignStart < 0 && exprEnd < 0) {
        exprEnd = i;
        alignStart = i + 1;
      } else if (c === ':' || c === '}') {
        if (exprEnd < 0) exprEnd = i;
        else if (alignStart >= 0) alignEnd = i;
        if (c === '}') return { piece: hole(from, exprEnd, alignStart, alignEnd, undefined), end: i };
        const close = source.indexOf('}', i + 1);
        if (close < 0) throw invalid('interpolation hole is not closed with }', from - 1);
        return { piece: hole(from, exprEnd, alignStart, alignEnd, source.slice(i + 1, close)), end: close };
      }
    }
    i++;
  }
  throw invalid('interpolation hole is not closed with }', from - 1);
}

function hole(start: number, end: number, alignStart: number, alignEnd: number, format: string | undefined) {
  const piece: InterpolationPiece = {
    kind: 'hole',
    start,
    end,
    ...(alignStart >= 0 ? { alignment: { start: alignStart, end: alignEnd } } : {}),
    ...(format !== undefined ? { format } : {}),
  };
  return piece;
}
