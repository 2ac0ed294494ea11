import type { JwtValue } from '../context/jwt-value';
import { MultiValueDictionary, parseJwtWithoutValidation } from './context-view';
import { type Method, type TypeMembers, fault, members, method, prop, sig } from './members';
import { BOOL, CHAR, DATE_TIME, DOUBLE, INT, JWT, STRING, STRING_ARRAY, named } from './types';
import { DateTimeMembers } from './library/system-datetime';
import { numericInstanceMembers } from './library/system-numbers';
import { withStringExtras } from './library/system-strings';
import { TimeSpanMembers } from './library/system-timespan';
import { formatValue } from './value-format';

/** Members of strings, string arrays, Jwt, DateTime, TimeSpan and the primitive types. */

const COMPARISON = named('StringComparison');

/** `StringComparison` values are their names; the `IgnoreCase` ones compare case-insensitively. */
function fold(text: string, comparison: string): string {
  return comparison.endsWith('IgnoreCase') ? text.toUpperCase() : text;
}

const toStringMethod = (): Method => method(sig<unknown, []>([], STRING, (v) => formatValue(v)));

function checkRange(ok: boolean, detail: string): void {
  if (!ok) throw fault(`argument out of range: ${detail}`);
}

function trimChars(text: string, chars: string, start: boolean, end: boolean): string {
  let from = 0;
  let to = text.length;
  const trimmed = (c: string) => (chars === '' ? /\s/.test(c) : chars.includes(c));
  while (start && from < to && trimmed(text[from])) from++;
  while (end && to > from && trimmed(text[to - 1])) to--;
  return text.slice(from, to);
}

const trimMethod = (start: boolean, end: boolean): Method =>
  method(
    sig<string, []>([], STRING, (s) => trimChars(s, '', start, end)),
    sig<string, [string]>([CHAR], STRING, (s, c) => trimChars(s, c, start, end)),
  );

const StringMembers = members(
  { Length: prop<string>(INT, (s) => s.length) },
  {
    Contains: method(
      sig<string, [string]>([STRING], BOOL, (s, part) => s.includes(part)),
      sig<string, [string]>([CHAR], BOOL, (s, c) => s.includes(c)),
      sig<string, [string, string]>([STRING, COMPARISON], BOOL, (s, part, cmp) =>
        fold(s, cmp).includes(fold(part, cmp)),
      ),
    ),
    StartsWith: method(
      sig<string, [string]>([STRING], BOOL, (s, part) => s.startsWith(part)),
      sig<string, [string, string]>([STRING, COMPARISON], BOOL, (s, p, cmp) => fold(s, cmp).startsWith(fold(p, cmp))),
    ),
    EndsWith: method(
      sig<string, [string]>([STRING], BOOL, (s, part) => s.endsWith(part)),
      sig<string, [string, string]>([STRING, COMPARISON], BOOL, (s, p, cmp) => fold(s, cmp).endsWith(fold(p, cmp))),
    ),
    Equals: method(
      sig<string, [string | null]>([STRING], BOOL, (s, other) => s === other, { allowsNull: true }),
      sig<string, [string | null, string]>(
        [STRING, COMPARISON],
        BOOL,
        (s, other, cmp) => other !== null && fold(s, cmp) === fold(other, cmp),
        { allowsNull: true },
      ),
    ),
    IndexOf: method(
      sig<string, [string]>([STRING], INT, (s, part) => s.indexOf(part)),
      sig<string, [string]>([CHAR], INT, (s, c) => s.indexOf(c)),
      sig<string, [string, number]>([STRING, INT], INT, (s, part, from) => {
        checkRange(from >= 0 && from <= s.length, `IndexOf start ${from} for a string of length ${s.length}`);
        return s.indexOf(part, from);
      }),
      sig<string, [string, string]>([STRING, COMPARISON], INT, (s, part, cmp) => fold(s, cmp).indexOf(fold(part, cmp))),
    ),
    LastIndexOf: method(
      sig<string, [string]>([STRING], INT, (s, part) => s.lastIndexOf(part)),
      sig<string, [string]>([CHAR], INT, (s, c) => s.lastIndexOf(c)),
    ),
    ToLower: method(sig<string, []>([], STRING, (s) => s.toLowerCase())),
    ToUpper: method(sig<string, []>([], STRING, (s) => s.toUpperCase())),
    ToLowerInvariant: method(sig<string, []>([], STRING, (s) => s.toLowerCase())),
    ToUpperInvariant: method(sig<string, []>([], STRING, (s) => s.toUpperCase())),
    Trim: trimMethod(true, true),
    TrimStart: trimMethod(true, false),
    TrimEnd: trimMethod(false, true),
    Substring: method(
      sig<string, [number]>([INT], STRING, (s, start) => {
        checkRange(start >= 0 && start <= s.length, `Substring start ${start} for a string of length ${s.length}`);
        return s.slice(start);
      }),
      sig<string, [number, number]>([INT, INT], STRING, (s, start, length) => {
        checkRange(
          start >= 0 && length >= 0 && start + length <= s.length,
          `Substring(${start}, ${length}) for a string of length ${s.length}`,
        );
        return s.slice(start, start + length);
      }),
    ),
    Replace: method(
      sig<string, [string, string | null]>(
        [STRING, STRING],
        STRING,
        (s, from, to) => {
          if (from === null || from === '') throw fault('Replace: the text to replace is null or empty');
          return s.split(from).join(to ?? '');
        },
        { allowsNull: true },
      ),
      sig<string, [string, string]>([CHAR, CHAR], STRING, (s, from, to) => s.split(from).join(to)),
    ),
    Split: method(
      sig<string, [string]>([CHAR], STRING_ARRAY, (s, c) => s.split(c)),
      sig<string, [string, string]>([CHAR, CHAR], STRING_ARRAY, (s, a, b) => splitAny(s, [a, b])),
      sig<string, [string, string, string]>([CHAR, CHAR, CHAR], STRING_ARRAY, (s, a, b, c) => splitAny(s, [a, b, c])),
      sig<string, [string | null]>([STRING], STRING_ARRAY, (s, sep) => (sep ? s.split(sep) : [s]), {
        allowsNull: true,
      }),
    ),
    AsJwt: method(sig<string, []>([], JWT, (s) => parseJwtWithoutValidation(s))),
    ToString: method(sig<string, []>([], STRING, (s) => s)),
  },
  {
    indexer: {
      key: INT,
      returns: CHAR,
      get: (s, i) => {
        const text = s as string;
        const index = i as number;
        checkRange(index >= 0 && index < text.length, `index ${index} for a string of length ${text.length}`);
        return text[index];
      },
    },
    hints: { TryParseJwt: 'TryParseJwt(out …) is not supported; use AsJwt() and compare the result with null' },
  },
);

function splitAny(text: string, separators: readonly string[]): string[] {
  const parts: string[] = [];
  let current = '';
  for (const c of text) {
    if (separators.includes(c)) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function firstOrFault(values: readonly string[], index: number): string {
  if (values.length === 0) throw fault('the sequence contains no elements');
  return values[index];
}

const StringArray = members(
  { Length: prop<readonly string[]>(INT, (a) => a.length) },
  {
    Contains: method(
      sig<readonly string[], [string | null]>([STRING], BOOL, (a, value) => a.includes(value as string), {
        allowsNull: true,
      }),
    ),
    Count: method(sig<readonly string[], []>([], INT, (a) => a.length)),
    Any: method(sig<readonly string[], []>([], BOOL, (a) => a.length > 0)),
    First: method(sig<readonly string[], []>([], STRING, (a) => firstOrFault(a, 0))),
    FirstOrDefault: method(sig<readonly string[], []>([], STRING, (a) => a[0] ?? null)),
    Last: method(sig<readonly string[], []>([], STRING, (a) => firstOrFault(a, a.length - 1))),
    LastOrDefault: method(sig<readonly string[], []>([], STRING, (a) => a[a.length - 1] ?? null)),
    ElementAt: method(
      sig<readonly string[], [number]>([INT], STRING, (a, i) => {
        checkRange(i >= 0 && i < a.length, `index ${i} for ${a.length} elements`);
        return a[i];
      }),
    ),
  },
  {
    indexer: {
      key: INT,
      returns: STRING,
      get: (a, i) => {
        const values = a as readonly string[];
        const index = i as number;
        checkRange(index >= 0 && index < values.length, `index ${index} for ${values.length} elements`);
        return values[index];
      },
    },
    hints: { ToString: 'string[] has no useful ToString(); use string.Join(",", …)' },
  },
);

const Jwt = members({
  Algorithm: prop<JwtValue>(STRING, (j) => j.algorithm),
  Type: prop<JwtValue>(STRING, (j) => j.type ?? null),
  Claims: prop<JwtValue>(named('StringArrayDictionary'), (j) => MultiValueDictionary.fromMap(j.claims)),
  Audiences: prop<JwtValue>(STRING_ARRAY, (j) => [...j.audiences]),
  Issuer: prop<JwtValue>(STRING, (j) => j.issuer ?? null),
  Subject: prop<JwtValue>(STRING, (j) => j.subject ?? null),
  Id: prop<JwtValue>(STRING, (j) => j.id ?? null),
  ExpirationTime: prop<JwtValue>(DATE_TIME, (j) => j.expirationTime ?? null),
  NotBefore: prop<JwtValue>(DATE_TIME, (j) => j.notBefore ?? null),
  IssuedAt: prop<JwtValue>(DATE_TIME, (j) => j.issuedAt ?? null),
});

const primitive = (): TypeMembers => members({}, { ToString: toStringMethod() });

export const VALUE_MEMBERS: Readonly<Record<string, TypeMembers>> = {
  string: withStringExtras(StringMembers),
  'string[]': StringArray,
  Jwt,
  DateTime: DateTimeMembers,
  TimeSpan: TimeSpanMembers,
  int: numericInstanceMembers(INT),
  double: numericInstanceMembers(DOUBLE),
  bool: primitive(),
  char: primitive(),
  object: members({}, { ToString: toStringMethod() }, { hints: { Equals: 'compare with == instead of Equals' } }),
};
