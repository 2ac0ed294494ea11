import type { FilterImplOptions } from 'liquidjs';
import { EvaluationFault } from '../../../expressions/expression-error';
import { formatWithSpecifier } from '../../../expressions/library/system-format';

/**
 * The Liquid filters APIM documents for set-body, in its PascalCase names ("C# mode"), each backed by
 * liquidjs's filter of the Liquid name. `Date` and `Currency` follow DotLiquid instead (below).
 */
export const APIM_FILTERS: Readonly<Record<string, string>> = {
  Abs: 'abs',
  Append: 'append',
  AtLeast: 'at_least',
  AtMost: 'at_most',
  Capitalize: 'capitalize',
  Compact: 'compact',
  Default: 'default',
  DividedBy: 'divided_by',
  Downcase: 'downcase',
  Escape: 'escape',
  First: 'first',
  H: 'escape',
  Join: 'join',
  Last: 'last',
  Lstrip: 'lstrip',
  Map: 'map',
  Minus: 'minus',
  Modulo: 'modulo',
  NewlineToBr: 'newline_to_br',
  Plus: 'plus',
  Prepend: 'prepend',
  Remove: 'remove',
  RemoveFirst: 'remove_first',
  Replace: 'replace',
  ReplaceFirst: 'replace_first',
  Round: 'round',
  Rstrip: 'rstrip',
  Size: 'size',
  Slice: 'slice',
  Sort: 'sort',
  Split: 'split',
  Strip: 'strip',
  StripHtml: 'strip_html',
  StripNewlines: 'strip_newlines',
  Times: 'times',
  Truncate: 'truncate',
  TruncateWords: 'truncatewords',
  Uniq: 'uniq',
  Upcase: 'upcase',
  UrlDecode: 'url_decode',
  UrlEncode: 'url_encode',
};

/** `at_least` → `AtLeast`: what a Ruby-style filter name is called here. */
export function pascalCaseOf(name: string): string {
  return name
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * DotLiquid's `Date` in C# mode: the input ("now", "today", a DateTime, or text .NET can parse) formatted
 * with a .NET format string (`yyyy-MM-ddTHH:mm:ssZ`), in UTC. Input that is no date comes back unchanged,
 * as does any input when no format is given.
 */
export function dateFilter(now: () => number): FilterImplOptions {
  return function (input: unknown, format?: unknown) {
    const date = toDate(input, now);
    if (date === undefined || format === undefined || format === null || String(format) === '') return input;
    return formatOrFail(date, String(format), 'Date');
  };
}

/** DotLiquid's `Currency`: the number in .NET's "C" format (invariant culture); other input unchanged. */
export const currencyFilter: FilterImplOptions = function (input: unknown) {
  const value = typeof input === 'number' ? input : typeof input === 'string' ? Number(input.trim()) : NaN;
  if (typeof input === 'string' && input.trim() === '') return input;
  return Number.isFinite(value) ? formatOrFail(value, 'C', 'Currency') : input;
};

function toDate(input: unknown, now: () => number): Date | undefined {
  if (input instanceof Date) return input;
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const text = String(input).trim();
  if (text === 'now' || text === 'Now') return new Date(now());
  if (text === 'today' || text === 'Today') {
    const today = new Date(now());
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  }
  // ISO 8601 without a zone is read as UTC (the gateway's clock is UTC, as APIM's).
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text)
    ? `${text}${text.includes('T') ? 'Z' : 'T00:00:00Z'}`
    : text;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

function formatOrFail(value: Date | number, format: string, filter: string): string {
  try {
    return formatWithSpecifier(value, format);
  } catch (error) {
    if (error instanceof EvaluationFault) throw new Error(`${filter}: ${error.message}`);
    throw error;
  }
}
