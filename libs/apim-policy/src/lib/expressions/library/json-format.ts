import { JArray, JObject, JProperty, type JToken, JValue } from './json-token';

/**
 * JToken → JSON text as Newtonsoft writes it. `JToken.ToString()` is **indented** (two spaces,
 * `"name": value`); `ToString(Formatting.None)` is compact. Floats always show a decimal part
 * (`1.0`, `1E+21`), integers never; strings escape `"`, `\`, control characters and U+0085,
 * U+2028, U+2029 (StringEscapeHandling.Default), nothing else.
 */

export type Formatting = 'Indented' | 'None';

export function writeJson(token: JToken, formatting: Formatting = 'Indented'): string {
  const out: string[] = [];
  write(token, formatting === 'Indented' ? 0 : -1, out);
  return out.join('');
}

/** `indent` is the current depth, or -1 for compact output. */
function write(token: JToken, indent: number, out: string[]): void {
  if (token instanceof JValue) {
    out.push(writeValue(token));
  } else if (token instanceof JProperty) {
    out.push(quote(token.name), indent < 0 ? ':' : ': ');
    write(token.value, indent, out);
  } else if (token instanceof JObject || token instanceof JArray) {
    const [open, close] = token instanceof JObject ? ['{', '}'] : ['[', ']'];
    const children = token.children();
    if (children.length === 0) {
      out.push(open, close);
      return;
    }
    out.push(open);
    children.forEach((child, i) => {
      if (i > 0) out.push(',');
      if (indent >= 0) out.push('\n', '  '.repeat(indent + 1));
      write(child, indent < 0 ? -1 : indent + 1, out);
    });
    if (indent >= 0) out.push('\n', '  '.repeat(indent));
    out.push(close);
  }
}

export function writeValue(token: JValue): string {
  const value = token.value;
  switch (token.type) {
    case 'Null':
      return 'null';
    case 'Undefined':
      return 'undefined';
    case 'Boolean':
      return value ? 'true' : 'false';
    case 'Integer':
      return String(value);
    case 'Float':
      return formatJsonFloat(value as number);
    case 'Date':
      return `"${formatIsoDate(value as Date, token.zone)}"`;
    case 'String':
      return quote(value as string);
  }
}

/** Newtonsoft's JSON string literal with StringEscapeHandling.Default. */
export function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/["\\\u0000-\u001f\u0085\u2028\u2029]/g, escapeChar)}"`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeChar(c: string): string {
  return SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** .NET's round-trip double text ("R"), then Newtonsoft's `.0` for whole numbers. */
export function formatJsonFloat(n: number): string {
  if (Number.isNaN(n)) return '"NaN"';
  if (n === Infinity) return '"Infinity"';
  if (n === -Infinity) return '"-Infinity"';
  const text = formatDotNetDouble(n);
  return /[.E]/.test(text) ? text : `${text}.0`;
}

/**
 * .NET Core's shortest round-trip `double.ToString()`: fixed notation for decimal exponents -5…14,
 * scientific (`1E+15`, `1.5E-07`) outside that.
 */
export function formatDotNetDouble(n: number): string {
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, exp] = n.toExponential().split('e');
  const exponent = Number(exp);
  if (exponent >= 15 || exponent < -5) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}E${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Newtonsoft's ISO form `yyyy-MM-ddTHH:mm:ss.FFFFFFFK`: fraction without trailing zeros. */
export function formatIsoDate(date: Date, zone: JValue['zone'] = 'utc'): string {
  const iso = date.toISOString();
  const base = iso.slice(0, 19);
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  const suffix = zone === 'utc' ? 'Z' : zone === 'offset' ? '+00:00' : '';
  return `${base}${fraction ? `.${fraction}` : ''}${suffix}`;
}

/** `DateTime.ToString(CultureInfo.InvariantCulture)`: `01/02/2024 03:04:05`. */
export function formatInvariantDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${String(date.getUTCFullYear()).padStart(4, '0')} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`
  );
}

/**
 * `JToken.ToString()`: JSON, indented, for containers and properties; a JValue prints its value
 * the way .NET's `object.ToString()` does (a string without quotes, `True`, `1.5`, empty for null).
 */
export function tokenToString(token: JToken): string {
  if (!(token instanceof JValue)) return writeJson(token, 'Indented');
  return valueText(token) ?? '';
}

/** A JValue's value as .NET `Convert.ToString(value, InvariantCulture)` gives it; null for JSON null. */
export function valueText(token: JValue): string | null {
  const value = token.value;
  switch (token.type) {
    case 'Null':
    case 'Undefined':
      return null;
    case 'Boolean':
      return value ? 'True' : 'False';
    case 'Integer':
      return String(value);
    case 'Float':
      return formatDotNetDouble(value as number);
    case 'Date':
      return formatInvariantDate(value as Date);
    case 'String':
      return value as string;
  }
}
