import { fault } from '../members';

/**
 * .NET numeric format strings with the invariant culture (`.` decimal point, `,` groups, `¤`
 * currency), .NET Core 3.0+ semantics: midpoints of the exact binary value round away from zero.
 * Numbers are JS numbers, so `int` and `double` are told apart by value: `D` and `X` accept any
 * whole number (.NET refuses them on a `double` even when it is whole).
 */
export function formatNumberWith(value: number, spec: string): string {
  const standard = /^([A-Za-z])(\d{0,9})$/.exec(spec);
  if (standard) return formatStandard(value, standard[1], standard[2] === '' ? undefined : Number(standard[2]));
  return formatCustom(value, spec);
}

/** Shortest text that reads back as the same number, C# style (`1E+21`, `1E-07`). */
export function roundTripText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  return String(value).replace(
    /e([+-])(\d+)$/,
    (_, sign: string, digits: string) => `E${sign}${digits.padStart(2, '0')}`,
  );
}

/** Precision this gateway formats to (.NET allows up to 999,999,999 digits: text no header needs). */
const MAX_PRECISION = 1000;

function formatStandard(value: number, letter: string, precision: number | undefined): string {
  if (precision !== undefined && precision > MAX_PRECISION) {
    throw fault(
      `format "${letter}${precision}" asks for more than ${MAX_PRECISION} digits, which this gateway does not format`,
    );
  }
  if (!Number.isFinite(value)) return roundTripText(value);
  switch (letter.toUpperCase()) {
    case 'D':
      return formatDecimal(value, precision ?? 0);
    case 'X':
      return formatHex(value, precision ?? 0, letter === 'x');
    case 'F':
      return signed(value, fixedDigits(Math.abs(value), precision ?? 2));
    case 'N':
      return signed(value, groupIntegerPart(fixedDigits(Math.abs(value), precision ?? 2)));
    case 'P': {
      const text = groupIntegerPart(fixedDigits(Math.abs(value * 100), precision ?? 2));
      return `${isNegativeText(value, text) ? '-' : ''}${text} %`;
    }
    case 'C': {
      const text = groupIntegerPart(fixedDigits(Math.abs(value), precision ?? 2));
      return isNegativeText(value, text) ? `(¤${text})` : `¤${text}`;
    }
    case 'E':
      return formatExponential(value, precision ?? 6, letter, 3);
    case 'G':
      return formatGeneral(value, precision, letter === 'g' ? 'e' : 'E');
    case 'R':
      return roundTripText(value);
    default:
      throw badSpecifier(letter + (precision ?? ''));
  }
}

function badSpecifier(spec: string): Error {
  return fault(`format "${spec}" is not a valid numeric format (FormatException)`);
}

function requireWhole(value: number, spec: string): void {
  if (!Number.isInteger(value)) throw fault(`format "${spec}" needs a whole number, not ${roundTripText(value)}`);
}

/** Digits of a whole number, exact beyond 2^53 (doubles are integers there). */
function wholeDigits(value: number): string {
  return BigInt(value).toString();
}

function formatDecimal(value: number, precision: number): string {
  requireWhole(value, `D${precision || ''}`);
  return signed(value, wholeDigits(Math.abs(value)).padStart(precision, '0'));
}

function formatHex(value: number, precision: number, lower: boolean): string {
  requireWhole(value, `X${precision || ''}`);
  // Negative numbers print their two's complement: 32 bits for an int, 64 for a long.
  let big = BigInt(value);
  if (big < 0n) big = value >= -2_147_483_648 ? BigInt.asUintN(32, big) : BigInt.asUintN(64, big);
  const text = big.toString(16).padStart(precision, '0');
  return lower ? text : text.toUpperCase();
}

function signed(value: number, text: string): string {
  return isNegativeText(value, text) ? `-${text}` : text;
}

/** .NET Core prints `-` only when a digit that is not zero is shown. */
function isNegativeText(value: number, text: string): boolean {
  return value < 0 && /[1-9]/.test(text);
}

/** `|value|` with exactly `decimals` fraction digits, midpoints away from zero. */
export function fixedDigits(magnitude: number, decimals: number): string {
  if (magnitude < 1e21 && decimals <= 100) return magnitude.toFixed(decimals);
  const whole = wholeDigits(Math.trunc(magnitude));
  return decimals > 0 ? `${whole}.${'0'.repeat(decimals)}` : whole;
}

function groupIntegerPart(text: string): string {
  const [whole, fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `E`: one digit, `precision` decimals, exponent with a sign and at least `minExponent` digits. */
function formatExponential(value: number, precision: number, letter: string, minExponent: number): string {
  const [mantissa, exponent] = Math.abs(value).toExponential(Math.min(precision, 100)).split('e');
  const exp = Number(exponent);
  const text = `${mantissa}${letter}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(minExponent, '0')}`;
  return signed(value, text);
}

/** `G`: shortest round-trip without precision; with one, that many significant digits, scientific for large/small exponents. */
function formatGeneral(value: number, precision: number | undefined, e: 'e' | 'E'): string {
  if (precision === undefined || precision === 0) {
    const text = roundTripText(value);
    return e === 'e' ? text.replace('E', 'e') : text;
  }
  if (value === 0) return '0';
  const [mantissa, exponent] = Math.abs(value)
    .toExponential(Math.min(precision, 100) - 1)
    .split('e');
  const exp = Number(exponent);
  let text: string;
  if (exp >= precision || exp < -5) {
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    text = `${trimmed}${e}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else {
    const digits = mantissa.replace('.', '');
    text = exp >= 0 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : `0.${'0'.repeat(-exp - 1)}${digits}`;
    text = text.replace(/\.?0+$/, (match) => (match.startsWith('.') || text.includes('.') ? '' : match));
    if (text.endsWith('.')) text = text.slice(0, -1);
  }
  return signed(value, text);
}

// ---- custom formats: `0.00`, `#,##0`, `0.##%`, `(###) ###-####`, `0.0E+00`, `pos;neg;zero` ----

type Token =
  | { kind: 'digit'; zero: boolean }
  | { kind: 'point' }
  | { kind: 'group' }
  | { kind: 'percent' }
  | { kind: 'permille' }
  | { kind: 'exponent'; letter: string; alwaysSign: boolean; minDigits: number }
  | { kind: 'literal'; text: string };

function tokenize(section: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '0' || c === '#') tokens.push({ kind: 'digit', zero: c === '0' });
    else if (c === '.') tokens.push({ kind: 'point' });
    else if (c === ',') tokens.push({ kind: 'group' });
    else if (c === '%') tokens.push({ kind: 'percent' });
    else if (c === '‰') tokens.push({ kind: 'permille' });
    else if (c === '\\') {
      tokens.push({ kind: 'literal', text: section[i + 1] ?? '' });
      i++;
    } else if (c === '"' || c === "'") {
      const end = section.indexOf(c, i + 1);
      if (end < 0) throw fault(`format "${section}" has an unterminated quoted string (FormatException)`);
      tokens.push({ kind: 'literal', text: section.slice(i + 1, end) });
      i = end;
    } else if ((c === 'E' || c === 'e') && /^[+-]?0/.test(section.slice(i + 1))) {
      const match = /^([+-]?)(0+)/.exec(section.slice(i + 1)) as RegExpExecArray;
      tokens.push({ kind: 'exponent', letter: c, alwaysSign: match[1] === '+', minDigits: match[2].length });
      i += match[0].length;
    } else tokens.push({ kind: 'literal', text: c });
  }
  return tokens;
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') {
      current += c + (format[i + 1] ?? '');
      i++;
      continue;
    } else if (c === ';') {
      sections.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  sections.push(current);
  return sections;
}

function formatCustom(value: number, format: string): string {
  if (!Number.isFinite(value)) return roundTripText(value);
  const sections = splitSections(format);
  let section = sections[0];
  let explicitSign = false;
  if (value < 0 && sections.length >= 2 && sections[1] !== '') {
    section = sections[1];
    explicitSign = true;
  } else if (value === 0 && sections.length >= 3 && sections[2] !== '') section = sections[2];
  const tokens = tokenize(section);
  const text = renderCustom(Math.abs(value), tokens);
  const showMinus = value < 0 && !explicitSign && /[1-9]/.test(text);
  return showMinus ? `-${text}` : text;
}

function renderCustom(magnitude: number, tokens: readonly Token[]): string {
  const pointAt = tokens.findIndex((t) => t.kind === 'point');
  const exponentAt = tokens.findIndex((t) => t.kind === 'exponent');
  const numberEnd = exponentAt >= 0 ? exponentAt : tokens.length;
  const intEnd = pointAt >= 0 && pointAt < numberEnd ? pointAt : numberEnd;
  const intTokens = tokens.slice(0, intEnd);
  const fracTokens = pointAt >= 0 && pointAt < numberEnd ? tokens.slice(pointAt + 1, numberEnd) : [];

  let scaled = magnitude;
  for (const t of tokens) {
    if (t.kind === 'percent') scaled *= 100;
    if (t.kind === 'permille') scaled *= 1000;
  }
  // A `,` right before the point (or the end of the digits) divides by 1000 instead of grouping.
  let lastDigit = -1;
  intTokens.forEach((t, i) => (t.kind === 'digit' ? (lastDigit = i) : undefined));
  let i = intTokens.length - 1;
  while (i > lastDigit && lastDigit >= 0) {
    if (intTokens[i].kind === 'group') scaled /= 1000;
    i--;
  }
  const firstDigit = intTokens.findIndex((t) => t.kind === 'digit');
  const grouping = intTokens.some((t, j) => t.kind === 'group' && j > firstDigit && j < lastDigit && firstDigit >= 0);

  const intPlaceholders = intTokens.filter((t) => t.kind === 'digit');
  const firstZero = intPlaceholders.findIndex((t) => t.kind === 'digit' && t.zero);
  const minInt = firstZero < 0 ? 0 : intPlaceholders.length - firstZero;
  const fracPlaceholders = fracTokens.filter((t) => t.kind === 'digit') as { kind: 'digit'; zero: boolean }[];
  let minFrac = 0;
  fracPlaceholders.forEach((t, j) => (t.zero ? (minFrac = j + 1) : undefined));
  const maxFrac = fracPlaceholders.length;

  let exponentText = '';
  if (exponentAt >= 0) {
    const token = tokens[exponentAt] as Extract<Token, { kind: 'exponent' }>;
    const intDigits = Math.max(1, intPlaceholders.length);
    let exponent = scaled === 0 ? 0 : Math.floor(Math.log10(scaled)) - (intDigits - 1);
    let mantissa = scaled / 10 ** exponent;
    if (Number(fixedDigits(mantissa, maxFrac)) >= 10 ** intDigits) {
      exponent += 1;
      mantissa = scaled / 10 ** exponent;
    }
    scaled = mantissa;
    const sign = exponent < 0 ? '-' : token.alwaysSign ? '+' : '';
    exponentText = `${token.letter}${sign}${String(Math.abs(exponent)).padStart(token.minDigits, '0')}`;
  }

  const [wholeText, fractionText = ''] = fixedDigits(scaled, maxFrac).split('.');
  let fraction = fractionText;
  while (fraction.length > minFrac && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  let whole = wholeText === '0' ? '' : wholeText;
  whole = whole.padStart(minInt, '0');
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

  let out = '';
  // Integer digits fill the placeholders from the right; extra digits go to the leftmost one.
  const intOut: string[] = [];
  let remaining = whole;
  for (let j = intTokens.length - 1; j >= 0; j--) {
    const t = intTokens[j];
    if (t.kind === 'digit') {
      if (grouping) intOut.unshift(j === firstDigit ? whole : '');
      else if (j === firstDigit) {
        intOut.unshift(remaining);
        remaining = '';
      } else {
        intOut.unshift(remaining.slice(-1));
        remaining = remaining.slice(0, -1);
      }
    } else intOut.unshift(literalOf(t));
  }
  out += intOut.join('');
  if (firstDigit < 0) out = whole + out;
  if (fraction.length > 0) out += '.';
  let k = 0;
  for (const t of fracTokens) {
    if (t.kind === 'digit') out += fraction[k++] ?? '';
    else out += literalOf(t);
  }
  if (exponentAt >= 0) {
    out += exponentText;
    for (const t of tokens.slice(exponentAt + 1)) out += literalOf(t);
  }
  return out;
}

function literalOf(token: Token): string {
  switch (token.kind) {
    case 'literal':
      return token.text;
    case 'percent':
      return '%';
    case 'permille':
      return '‰';
    default:
      return '';
  }
}
