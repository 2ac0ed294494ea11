import { type Method, type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, CHAR, INT, OBJECT, STRING, STRING_ARRAY, type Type, arrayOf, enumerableOf, named } from '../types';
import { formatValue } from '../value-format';
import type { LibraryModule, LibraryOperator } from './library-module';

/**
 * The string members real policies use beyond the core ones in value-members.ts: `Split` with
 * `char[]`/`string[]`/a count and `StringSplitOptions`, `PadLeft`/`PadRight`, `Trim(char[])`,
 * `IndexOf`/`LastIndexOf` with ranges and comparisons, `IndexOfAny`, `ToCharArray`, `Insert`,
 * `Remove`, `Replace(…, StringComparison)`, `StartsWith(char)`, `CompareTo`; statics
 * `string.Concat`/`Join` over many values and enumerables, `Compare`, `CompareOrdinal`,
 * `Equals(a, b, comparison)`; `new string(c, n)`; `char.IsDigit` …; `StringSplitOptions`;
 * `StringComparer.Ordinal` … with `Equals`/`Compare`.
 * Culture-sensitive comparisons use the invariant (root) collation; ordinal ones compare UTF-16 units.
 */

const COMPARISON = named('StringComparison');
const SPLIT_OPTIONS = named('StringSplitOptions');
const CHAR_ARRAY = arrayOf(CHAR);
const OBJECT_ARRAY = arrayOf(OBJECT);
const STRINGS = enumerableOf(STRING);
/** `Join<T>`/`Concat<T>` over sequences of value types (`List<int>`, `Select(x => x * 2)`). */
const VALUE_SEQUENCES = [INT, named('long'), named('double'), BOOL, CHAR, OBJECT].map((t) => enumerableOf(t));

const REMOVE_EMPTY = 1;
const TRIM_ENTRIES = 2;

function outOfRange(detail: string): Error {
  return fault(`argument out of range: ${detail} (ArgumentOutOfRangeException)`);
}

function ignoresCase(comparison: string): boolean {
  return comparison.endsWith('IgnoreCase');
}

const fold = (text: string, comparison: string) => (ignoresCase(comparison) ? text.toUpperCase() : text);

const collator = new Intl.Collator('und', { sensitivity: 'variant' });
const collatorIgnoreCase = new Intl.Collator('und', { sensitivity: 'accent' });

/** `string.Compare` results: culture comparisons through the root collation, ordinal by UTF-16 units (sign only). */
export function compareStrings(a: string | null, b: string | null, comparison: string): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (comparison.startsWith('Ordinal')) {
    const [x, y] = [fold(a, comparison), fold(b, comparison)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Math.sign((ignoresCase(comparison) ? collatorIgnoreCase : collator).compare(a, b));
}

/** `string.CompareOrdinal`: the difference of the first differing UTF-16 units, else of the lengths. */
function compareOrdinal(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a.charCodeAt(i) - b.charCodeAt(i);
  return a.length - b.length;
}

function applySplitOptions(parts: string[], options: number): string[] {
  let result = parts;
  if (options & TRIM_ENTRIES) result = result.map((part) => part.trim());
  if (options & REMOVE_EMPTY) result = result.filter((part) => part !== '');
  return result;
}

const WHITESPACE = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u2029'];

/**
 * .NET String.Split on any of `separators` (tried in order at each position; none or only empty
 * ones mean white space), at most `count` parts: the last keeps the rest of the text.
 */
export function splitOn(
  text: string,
  separators: readonly string[],
  options: number,
  count = Number.MAX_SAFE_INTEGER,
): string[] {
  if (count < 0) throw outOfRange(`Split count ${count}`);
  if (count === 0) return [];
  let seps = separators.filter((s) => s !== '');
  if (seps.length === 0) seps = WHITESPACE;
  const parts: string[] = [];
  const keep = (part: string) => {
    const value = options & TRIM_ENTRIES ? part.trim() : part;
    if (!(options & REMOVE_EMPTY && value === '')) parts.push(value);
  };
  let from = 0;
  let i = 0;
  while (i < text.length && parts.length < count - 1) {
    const hit = seps.find((sep) => text.startsWith(sep, i));
    if (hit === undefined) {
      i++;
      continue;
    }
    keep(text.slice(from, i));
    i += hit.length;
    from = i;
  }
  keep(text.slice(from));
  return parts;
}

function nonNullArray<T>(value: readonly T[] | null, what: string): readonly T[] {
  if (value === null) throw fault(`${what} is null (ArgumentNullException)`);
  return value;
}

function trimAny(text: string, chars: readonly string[] | null, start: boolean, end: boolean): string {
  const set = chars && chars.length > 0 ? chars : null;
  const trimmed = (c: string) => (set ? set.includes(c) : /\s/.test(c));
  let from = 0;
  let to = text.length;
  while (start && from < to && trimmed(text[from])) from++;
  while (end && to > from && trimmed(text[to - 1])) to--;
  return text.slice(from, to);
}

function checkStart(text: string, start: number, what: string): void {
  if (start < 0 || start > text.length)
    throw outOfRange(`${what} start ${start} for a string of length ${text.length}`);
}

function checkSpan(text: string, start: number, count: number, what: string): void {
  if (start < 0 || count < 0 || start + count > text.length) {
    throw outOfRange(`${what}(${start}, ${count}) for a string of length ${text.length}`);
  }
}

function indexOfAny(text: string, chars: readonly string[], from: number, to: number): number {
  for (let i = from; i < to; i++) if (chars.includes(text[i])) return i;
  return -1;
}

function replaceWithComparison(text: string, from: string, to: string | null, comparison: string): string {
  if (from === '') throw fault('Replace: the text to replace is empty (ArgumentException)');
  if (!ignoresCase(comparison)) return text.split(from).join(to ?? '');
  const haystack = text.toUpperCase();
  const needle = from.toUpperCase();
  let out = '';
  let at = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, at)) {
    out += text.slice(at, i) + (to ?? '');
    at = i + from.length;
  }
  return out + text.slice(at);
}

const pad = (left: boolean) =>
  method(
    sig<string, [number]>([INT], STRING, (s, width) => padTo(s, width, ' ', left)),
    sig<string, [number, string]>([INT, CHAR], STRING, (s, width, c) => padTo(s, width, c, left)),
  );

/** Longest text this gateway builds by repetition (a JS string tops out near 2^29 characters). */
export const MAX_BUILT_LENGTH = 1 << 24;

function padTo(text: string, width: number, c: string, left: boolean): string {
  if (width < 0) throw outOfRange(`total width ${width}`);
  if (width > MAX_BUILT_LENGTH)
    throw fault(`PadLeft/PadRight to ${width} characters is more than this gateway builds (OutOfMemoryException)`);
  return left ? text.padStart(width, c) : text.padEnd(width, c);
}

const trimChars = (start: boolean, end: boolean) =>
  method(
    sig<string, [readonly string[] | null]>([CHAR_ARRAY], STRING, (s, chars) => trimAny(s, chars, start, end), {
      allowsNull: true,
    }),
    sig<string, [string, string]>([CHAR, CHAR], STRING, (s, a, b) => trimAny(s, [a, b], start, end)),
    sig<string, [string, string, string]>([CHAR, CHAR, CHAR], STRING, (s, a, b, c) =>
      trimAny(s, [a, b, c], start, end),
    ),
  );

/** Methods added to (or overloads merged into) the core string members. */
export const STRING_EXTRA_METHODS: Readonly<Record<string, Method>> = {
  Split: method(
    sig<string, [readonly string[] | null]>([CHAR_ARRAY], STRING_ARRAY, (s, seps) => splitOn(s, seps ?? [], 0), {
      allowsNull: true,
    }),
    sig<string, [readonly string[] | null, number]>(
      [CHAR_ARRAY, SPLIT_OPTIONS],
      STRING_ARRAY,
      (s, seps, options) => splitOn(s, seps ?? [], options),
      { allowsNull: true },
    ),
    sig<string, [readonly string[] | null, number]>(
      [CHAR_ARRAY, INT],
      STRING_ARRAY,
      (s, seps, count) => splitOn(s, seps ?? [], 0, count),
      {
        allowsNull: true,
      },
    ),
    sig<string, [readonly string[] | null, number, number]>(
      [CHAR_ARRAY, INT, SPLIT_OPTIONS],
      STRING_ARRAY,
      (s, seps, count, options) => splitOn(s, seps ?? [], options, count),
      { allowsNull: true },
    ),
    sig<string, [readonly string[] | null, number]>(
      [STRING_ARRAY, SPLIT_OPTIONS],
      STRING_ARRAY,
      (s, seps, options) =>
        splitOn(
          s,
          (seps ?? []).map((x) => x ?? ''),
          options,
        ),
      { allowsNull: true },
    ),
    sig<string, [readonly string[] | null, number, number]>(
      [STRING_ARRAY, INT, SPLIT_OPTIONS],
      STRING_ARRAY,
      (s, seps, count, options) =>
        splitOn(
          s,
          (seps ?? []).map((x) => x ?? ''),
          options,
          count,
        ),
      { allowsNull: true },
    ),
    sig<string, [string, number]>([CHAR, SPLIT_OPTIONS], STRING_ARRAY, (s, sep, options) => splitOn(s, [sep], options)),
    sig<string, [string, number, number]>([CHAR, INT, SPLIT_OPTIONS], STRING_ARRAY, (s, sep, count, options) =>
      splitOn(s, [sep], options, count),
    ),
    sig<string, [string | null, number]>(
      [STRING, SPLIT_OPTIONS],
      STRING_ARRAY,
      (s, sep, options) => (sep ? splitOn(s, [sep], options) : applySplitOptions([s], options)),
      { allowsNull: true },
    ),
  ),
  PadLeft: pad(true),
  PadRight: pad(false),
  Trim: trimChars(true, true),
  TrimStart: trimChars(true, false),
  TrimEnd: trimChars(false, true),
  IndexOf: method(
    sig<string, [string, number]>([CHAR, INT], INT, (s, c, from) => {
      checkStart(s, from, 'IndexOf');
      return s.indexOf(c, from);
    }),
    sig<string, [string, number, number]>([STRING, INT, INT], INT, (s, part, from, count) => {
      checkSpan(s, from, count, 'IndexOf');
      const at = s.slice(0, from + count).indexOf(part, from);
      return at;
    }),
    sig<string, [string, number, number]>([CHAR, INT, INT], INT, (s, c, from, count) => {
      checkSpan(s, from, count, 'IndexOf');
      return s.slice(0, from + count).indexOf(c, from);
    }),
    sig<string, [string, number, string]>([STRING, INT, COMPARISON], INT, (s, part, from, cmp) => {
      checkStart(s, from, 'IndexOf');
      return fold(s, cmp).indexOf(fold(part, cmp), from);
    }),
    sig<string, [string, string]>([CHAR, COMPARISON], INT, (s, c, cmp) => fold(s, cmp).indexOf(fold(c, cmp))),
  ),
  LastIndexOf: method(
    sig<string, [string, number]>([CHAR, INT], INT, (s, c, from) => {
      if (from < 0 || from >= Math.max(s.length, 1))
        throw outOfRange(`LastIndexOf start ${from} for a string of length ${s.length}`);
      return s.lastIndexOf(c, from);
    }),
    sig<string, [string, number]>([STRING, INT], INT, (s, part, from) => {
      if (from < 0 || from >= Math.max(s.length, 1))
        throw outOfRange(`LastIndexOf start ${from} for a string of length ${s.length}`);
      return s.slice(0, from + 1).lastIndexOf(part);
    }),
    sig<string, [string, string]>([STRING, COMPARISON], INT, (s, part, cmp) =>
      fold(s, cmp).lastIndexOf(fold(part, cmp)),
    ),
  ),
  IndexOfAny: method(
    sig<string, [readonly string[] | null]>(
      [CHAR_ARRAY],
      INT,
      (s, chars) => indexOfAny(s, nonNullArray(chars, 'IndexOfAny: the characters'), 0, s.length),
      {
        allowsNull: true,
      },
    ),
    sig<string, [readonly string[] | null, number]>(
      [CHAR_ARRAY, INT],
      INT,
      (s, chars, from) => {
        checkStart(s, from, 'IndexOfAny');
        return indexOfAny(s, nonNullArray(chars, 'IndexOfAny: the characters'), from, s.length);
      },
      { allowsNull: true },
    ),
  ),
  LastIndexOfAny: method(
    sig<string, [readonly string[] | null]>(
      [CHAR_ARRAY],
      INT,
      (s, chars) => {
        const set = nonNullArray(chars, 'LastIndexOfAny: the characters');
        for (let i = s.length - 1; i >= 0; i--) if (set.includes(s[i])) return i;
        return -1;
      },
      { allowsNull: true },
    ),
  ),
  ToCharArray: method(
    sig<string, []>([], CHAR_ARRAY, (s) => s.split('')),
    sig<string, [number, number]>([INT, INT], CHAR_ARRAY, (s, start, length) => {
      checkSpan(s, start, length, 'ToCharArray');
      return s.slice(start, start + length).split('');
    }),
  ),
  Insert: method(
    sig<string, [number, string | null]>(
      [INT, STRING],
      STRING,
      (s, at, value) => {
        if (value === null) throw fault('Insert: the value is null (ArgumentNullException)');
        checkStart(s, at, 'Insert');
        return s.slice(0, at) + value + s.slice(at);
      },
      { allowsNull: true },
    ),
  ),
  Remove: method(
    sig<string, [number]>([INT], STRING, (s, start) => {
      if (start < 0 || start >= s.length) throw outOfRange(`Remove start ${start} for a string of length ${s.length}`);
      return s.slice(0, start);
    }),
    sig<string, [number, number]>([INT, INT], STRING, (s, start, count) => {
      checkSpan(s, start, count, 'Remove');
      return s.slice(0, start) + s.slice(start + count);
    }),
  ),
  Replace: method(
    sig<string, [string, string | null, string]>(
      [STRING, STRING, COMPARISON],
      STRING,
      (s, from, to, cmp) => replaceWithComparison(s, from, to, cmp),
      { allowsNull: true },
    ),
  ),
  StartsWith: method(sig<string, [string]>([CHAR], BOOL, (s, c) => s.startsWith(c))),
  EndsWith: method(sig<string, [string]>([CHAR], BOOL, (s, c) => s.endsWith(c))),
  CompareTo: method(
    sig<string, [string | null]>([STRING], INT, (s, other) => compareStrings(s, other, 'CurrentCulture'), {
      allowsNull: true,
    }),
  ),
  Normalize: method(sig<string, []>([], STRING, (s) => s.normalize('NFC'))),
};

/** Core string members with {@link STRING_EXTRA_METHODS} merged in (the core overloads first). */
export function withStringExtras(core: TypeMembers): TypeMembers {
  const methods: Record<string, Method> = { ...core.methods };
  for (const [name, extra] of Object.entries(STRING_EXTRA_METHODS)) {
    const own = methods[name];
    methods[name] = own ? { ...own, overloads: [...own.overloads, ...extra.overloads] } : extra;
  }
  return { ...core, methods };
}

const text = (value: unknown) => (value === null || value === undefined ? '' : formatValue(value));

function joinValues(separator: string | null, values: Iterable<unknown> | null): string {
  if (values === null) throw fault('string.Join: the values are null (ArgumentNullException)');
  return Array.from(values, text).join(separator ?? '');
}

const concatObjects = (arity: number): Overload =>
  sig<null, unknown[]>(Array(arity).fill(OBJECT) as Type[], STRING, (_, ...values) => values.map(text).join(''), {
    allowsNull: true,
  });

/** Static string methods added to (or merged into) the core `string.…` statics. */
export const STRING_EXTRA_STATICS: Readonly<Record<string, Method>> = {
  Concat: method(
    sig<null, [string | null, string | null, string | null]>(
      [STRING, STRING, STRING],
      STRING,
      (_, a, b, c) => (a ?? '') + (b ?? '') + (c ?? ''),
      {
        allowsNull: true,
      },
    ),
    sig<null, [string | null, string | null, string | null, string | null]>(
      [STRING, STRING, STRING, STRING],
      STRING,
      (_, a, b, c, d) => (a ?? '') + (b ?? '') + (c ?? '') + (d ?? ''),
      { allowsNull: true },
    ),
    sig<null, [Iterable<unknown> | null]>([STRINGS], STRING, (_, values) => joinValues('', values), {
      allowsNull: true,
    }),
    sig<null, [Iterable<unknown> | null]>([OBJECT_ARRAY], STRING, (_, values) => joinValues('', values), {
      allowsNull: true,
    }),
    concatObjects(1),
    concatObjects(2),
    concatObjects(3),
    concatObjects(4),
  ),
  Join: method(
    sig<null, [string | null, Iterable<unknown> | null]>(
      [STRING, STRINGS],
      STRING,
      (_, sep, values) => joinValues(sep, values),
      {
        allowsNull: true,
      },
    ),
    sig<null, [string | null, Iterable<unknown> | null]>(
      [STRING, OBJECT_ARRAY],
      STRING,
      (_, sep, values) => joinValues(sep, values),
      {
        allowsNull: true,
      },
    ),
    sig<null, [string, Iterable<unknown> | null]>(
      [CHAR, STRINGS],
      STRING,
      (_, sep, values) => joinValues(sep, values),
      {
        allowsNull: true,
      },
    ),
    ...VALUE_SEQUENCES.flatMap((sequence) =>
      [STRING, CHAR].map((separator) =>
        sig<null, [string | null, Iterable<unknown> | null]>(
          [separator, sequence],
          STRING,
          (_, sep, values) => joinValues(sep, values),
          {
            allowsNull: true,
          },
        ),
      ),
    ),
    sig<null, [string | null, readonly (string | null)[] | null, number, number]>(
      [STRING, STRING_ARRAY, INT, INT],
      STRING,
      (_, sep, values, start, count) => {
        const all = nonNullArray(values, 'string.Join: the values');
        if (start < 0 || count < 0 || start + count > all.length)
          throw outOfRange(`Join(${start}, ${count}) for ${all.length} values`);
        return joinValues(sep, all.slice(start, start + count));
      },
      { allowsNull: true },
    ),
  ),
  Compare: method(
    sig<null, [string | null, string | null]>(
      [STRING, STRING],
      INT,
      (_, a, b) => compareStrings(a, b, 'CurrentCulture'),
      { allowsNull: true },
    ),
    sig<null, [string | null, string | null, boolean]>(
      [STRING, STRING, BOOL],
      INT,
      (_, a, b, ignoreCase) => compareStrings(a, b, ignoreCase ? 'CurrentCultureIgnoreCase' : 'CurrentCulture'),
      { allowsNull: true },
    ),
    sig<null, [string | null, string | null, string]>(
      [STRING, STRING, COMPARISON],
      INT,
      (_, a, b, cmp) => compareStrings(a, b, cmp),
      {
        allowsNull: true,
      },
    ),
  ),
  CompareOrdinal: method(
    sig<null, [string | null, string | null]>([STRING, STRING], INT, (_, a, b) => compareOrdinal(a, b), {
      allowsNull: true,
    }),
  ),
  Equals: method(
    sig<null, [string | null, string | null, string]>(
      [STRING, STRING, COMPARISON],
      BOOL,
      (_, a, b, cmp) => (a === null || b === null ? a === b : compareStrings(a, b, cmp) === 0),
      { allowsNull: true },
    ),
  ),
};

/** Core string statics with {@link STRING_EXTRA_STATICS} merged in. */
export function withStringStaticExtras(core: TypeMembers): TypeMembers {
  const methods: Record<string, Method> = { ...core.methods };
  for (const [name, extra] of Object.entries(STRING_EXTRA_STATICS)) {
    const own = methods[name];
    methods[name] = own ? { ...own, overloads: [...own.overloads, ...extra.overloads] } : extra;
  }
  return {
    ...core,
    methods,
    hints: Object.fromEntries(Object.entries(core.hints ?? {}).filter(([name]) => !(name in methods))),
  };
}

const charTest = (test: RegExp) =>
  method(
    sig<null, [string]>([CHAR], BOOL, (_, c) => test.test(c)),
    sig<null, [string | null, number]>(
      [STRING, INT],
      BOOL,
      (_, s, i) => {
        if (s === null) throw fault('char test: the string is null (ArgumentNullException)');
        if (i < 0 || i >= s.length) throw outOfRange(`index ${i} for a string of length ${s.length}`);
        return test.test(s[i]);
      },
      { allowsNull: true },
    ),
  );

const CharStatics: TypeMembers = members(
  { MinValue: prop(CHAR, () => '\0'), MaxValue: prop(CHAR, () => '\uffff') },
  {
    IsDigit: charTest(/^\p{Nd}$/u),
    IsLetter: charTest(/^\p{L}$/u),
    IsLetterOrDigit: charTest(/^[\p{L}\p{Nd}]$/u),
    IsWhiteSpace: charTest(/^[\s\u0085]$/u),
    IsUpper: charTest(/^\p{Lu}$/u),
    IsLower: charTest(/^\p{Ll}$/u),
    IsPunctuation: charTest(/^\p{P}$/u),
    IsNumber: charTest(/^\p{N}$/u),
    IsControl: charTest(/^\p{Cc}$/u),
    IsSymbol: charTest(/^\p{S}$/u),
    ToUpper: method(sig<null, [string]>([CHAR], CHAR, (_, c) => (c.toUpperCase().length === 1 ? c.toUpperCase() : c))),
    ToLower: method(sig<null, [string]>([CHAR], CHAR, (_, c) => (c.toLowerCase().length === 1 ? c.toLowerCase() : c))),
    ToUpperInvariant: method(
      sig<null, [string]>([CHAR], CHAR, (_, c) => (c.toUpperCase().length === 1 ? c.toUpperCase() : c)),
    ),
    ToLowerInvariant: method(
      sig<null, [string]>([CHAR], CHAR, (_, c) => (c.toLowerCase().length === 1 ? c.toLowerCase() : c)),
    ),
    Parse: method(
      sig<null, [string | null]>(
        [STRING],
        CHAR,
        (_, s) => {
          if (s === null || s.length !== 1)
            throw fault('char.Parse: the string must be exactly one character long (FormatException)');
          return s;
        },
        { allowsNull: true },
      ),
    ),
    GetNumericValue: method(sig<null, [string]>([CHAR], named('double'), (_, c) => (/^\d$/.test(c) ? Number(c) : -1))),
  },
);

const SplitOptions = members({
  None: prop(SPLIT_OPTIONS, () => 0),
  RemoveEmptyEntries: prop(SPLIT_OPTIONS, () => REMOVE_EMPTY),
  TrimEntries: prop(SPLIT_OPTIONS, () => TRIM_ENTRIES),
});

const STRING_CONSTRUCTORS: readonly Overload[] = [
  sig<null, [string, number]>([CHAR, INT], STRING, (_, c, count) => {
    if (count < 0) throw outOfRange(`count ${count}`);
    if (count > MAX_BUILT_LENGTH)
      throw fault(`new string(c, ${count}) is more than this gateway builds (OutOfMemoryException)`);
    return c.repeat(count);
  }),
  sig<null, [readonly string[] | null]>([CHAR_ARRAY], STRING, (_, chars) => (chars ?? []).join(''), {
    allowsNull: true,
  }),
  sig<null, [readonly string[], number, number]>([CHAR_ARRAY, INT, INT], STRING, (_, chars, start, length) => {
    if (start < 0 || length < 0 || start + length > chars.length)
      throw outOfRange(`new string(chars, ${start}, ${length})`);
    return chars.slice(start, start + length).join('');
  }),
];

/** `StringComparer.Ordinal` …: a comparison by name (StringComparison's names). */
export class StringComparerValue {
  constructor(readonly comparison: string) {}
}

const STRING_COMPARER = named('StringComparer');
const COMPARER_NAMES = [
  'Ordinal',
  'OrdinalIgnoreCase',
  'InvariantCulture',
  'InvariantCultureIgnoreCase',
  'CurrentCulture',
  'CurrentCultureIgnoreCase',
];
const COMPARERS = Object.fromEntries(COMPARER_NAMES.map((name) => [name, new StringComparerValue(name)]));

const StringComparerStatics = members(
  Object.fromEntries(COMPARER_NAMES.map((name) => [name, prop(STRING_COMPARER, () => COMPARERS[name])])),
  {
    FromComparison: method(sig<null, [string]>([COMPARISON], STRING_COMPARER, (_, name) => COMPARERS[name])),
  },
);

const StringComparerMembers = members(
  {},
  {
    Equals: method(
      sig<StringComparerValue, [string | null, string | null]>(
        [STRING, STRING],
        BOOL,
        (c, a, b) =>
          a === null || b === null
            ? a === b
            : c.comparison.startsWith('Ordinal')
              ? fold(a, c.comparison) === fold(b, c.comparison)
              : compareStrings(a, b, c.comparison) === 0,
        { allowsNull: true },
      ),
    ),
    Compare: method(
      sig<StringComparerValue, [string | null, string | null]>(
        [STRING, STRING],
        INT,
        (c, a, b) => compareStrings(a, b, c.comparison),
        {
          allowsNull: true,
        },
      ),
    ),
    ToString: method(sig<StringComparerValue, []>([], STRING, (c) => `System.StringComparer ${c.comparison}`)),
  },
);

const splitOptionsOr: LibraryOperator = {
  op: '|',
  left: 'StringSplitOptions',
  right: 'StringSplitOptions',
  returns: SPLIT_OPTIONS,
  apply: (a, b) => (a as number) | (b as number),
};

export const systemStrings: LibraryModule = {
  staticMembers: {
    char: CharStatics,
    Char: CharStatics,
    'System.Char': CharStatics,
    StringSplitOptions: SplitOptions,
    'System.StringSplitOptions': SplitOptions,
    StringComparer: StringComparerStatics,
    'System.StringComparer': StringComparerStatics,
  },
  constructors: { string: STRING_CONSTRUCTORS, String: STRING_CONSTRUCTORS, 'System.String': STRING_CONSTRUCTORS },
  typeNames: {
    StringSplitOptions: SPLIT_OPTIONS,
    'System.StringSplitOptions': SPLIT_OPTIONS,
    StringComparer: STRING_COMPARER,
    'System.StringComparer': STRING_COMPARER,
  },
  instanceMembers: (type) => (type.name === 'StringComparer' ? StringComparerMembers : undefined),
  isInstanceOf: (value, type) => (type.name === 'StringComparer' ? value instanceof StringComparerValue : undefined),
  runtimeTypeName: (value) => (value instanceof StringComparerValue ? 'StringComparer' : undefined),
  valueTypes: ['StringSplitOptions'],
  operators: [splitOptionsOr],
};
