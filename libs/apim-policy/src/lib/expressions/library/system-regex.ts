import { type Overload, type Property, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, INT, OBJECT, STRING, STRING_ARRAY, type Type, func, named } from '../types';
import { TIME_SPAN } from './system-timespan';
import type { LibraryConversion, LibraryModule, LibraryOperator } from './library-module';
import { MAX_REGEX_INPUT, OPTIONS, type TranslatedRegex, translateRegex } from './system-regex-translate';

/**
 * `System.Text.RegularExpressions` as APIM allows it: `Regex` (constructor, `IsMatch`, `Match`,
 * `Matches`, `Replace` with a replacement pattern or a `Match → string` lambda, `Split`,
 * `Unescape`), `Match` (`Groups`, `Result`, `Empty`, and `Success`/`Value`/`Index`/`Length` of
 * Group and Capture), `GroupCollection`/`CaptureCollection` (`Count`, `[i]`, `["name"]`),
 * `MatchCollection` (`Count`, `[i]`, foreach/LINQ) and `RegexOptions` (combine with `|`). Patterns
 * are translated by system-regex-translate.ts. A group's `Captures` holds its last capture only.
 */

const REGEX = named('Regex');
const MATCH = named('Match');
/** Not `Group`: that name is the context's IGroup (context-members.ts). */
const GROUP = named('RegexGroup');
const CAPTURE = named('Capture');
const GROUP_COLLECTION = named('GroupCollection');
const CAPTURE_COLLECTION = named('CaptureCollection');
const MATCH_COLLECTION = named('MatchCollection');
const REGEX_OPTIONS = named('RegexOptions');

export class CaptureValue {
  constructor(
    readonly index: number,
    readonly length: number,
    readonly value: string,
  ) {}
}

export class GroupValue extends CaptureValue {
  constructor(
    index: number,
    length: number,
    value: string,
    readonly success: boolean,
    readonly name: string,
  ) {
    super(index, length, value);
  }

  get captures(): CaptureCollectionValue {
    return new CaptureCollectionValue(this.success ? [new CaptureValue(this.index, this.length, this.value)] : []);
  }
}

export class CaptureCollectionValue implements Iterable<CaptureValue> {
  constructor(readonly items: readonly CaptureValue[]) {}

  [Symbol.iterator](): Iterator<CaptureValue> {
    return this.items[Symbol.iterator]();
  }
}

export class GroupCollectionValue implements Iterable<GroupValue> {
  constructor(readonly groups: readonly GroupValue[]) {}

  /** `Groups[n]` or `Groups["name"]`: an unsuccessful group when there is none, as .NET. */
  get(key: unknown): GroupValue {
    const found = typeof key === 'number' ? this.groups[key] : this.groups.find((g) => g.name === key);
    return found ?? new GroupValue(0, 0, '', false, String(key));
  }

  [Symbol.iterator](): Iterator<GroupValue> {
    return this.groups[Symbol.iterator]();
  }
}

export class MatchValue extends GroupValue {
  constructor(
    readonly groupCollection: GroupCollectionValue,
    readonly input: string,
  ) {
    const whole = groupCollection.groups[0] ?? new GroupValue(0, 0, '', false, '0');
    super(whole.index, whole.length, whole.value, whole.success, '0');
  }
}

const EMPTY_MATCH = new MatchValue(new GroupCollectionValue([]), '');

export class MatchCollectionValue implements Iterable<MatchValue> {
  constructor(readonly matches: readonly MatchValue[]) {}

  [Symbol.iterator](): Iterator<MatchValue> {
    return this.matches[Symbol.iterator]();
  }
}

export class RegexValue {
  constructor(
    readonly pattern: string,
    readonly options: number,
    readonly translated: TranslatedRegex,
  ) {}
}

function compile(pattern: string | null, options: number): RegexValue {
  if (pattern === null) throw fault('Regex: the pattern is null (ArgumentNullException)');
  return new RegexValue(pattern, options, translateRegex(pattern, options));
}

function checkInput(input: string | null): string {
  if (input === null) throw fault('Regex: the input is null (ArgumentNullException)');
  if (input.length > MAX_REGEX_INPUT) {
    throw fault(`Regex: the input has ${input.length} characters; this gateway matches at most ${MAX_REGEX_INPUT}`);
  }
  return input;
}

function toMatch(regex: RegexValue, exec: RegExpExecArray, input: string): MatchValue {
  const { groups, names } = regex.translated;
  const indices = exec.indices ?? [];
  const byName = new Map<string, GroupValue>();
  groups.forEach((info, k) => {
    const value = exec[k + 1];
    const span = indices[k + 1];
    const group =
      value === undefined || !span
        ? new GroupValue(0, 0, '', false, info.name)
        : new GroupValue(span[0], span[1] - span[0], value, true, info.name);
    const previous = byName.get(info.name);
    if (!previous || group.success) byName.set(info.name, group);
  });
  const whole = new GroupValue(exec.index, exec[0].length, exec[0], true, '0');
  const ordered = names.map((name) => (name === '0' ? whole : (byName.get(name) as GroupValue)));
  return new MatchValue(new GroupCollectionValue(ordered), input);
}

/** Every match from `start`, stepping past empty matches as .NET does. */
function* allMatches(regex: RegexValue, input: string, start = 0): Generator<MatchValue> {
  const re = regex.translated.regex;
  re.lastIndex = start;
  for (;;) {
    const exec = re.exec(input);
    if (!exec) return;
    const match = toMatch(regex, exec, input);
    const next = exec[0].length === 0 ? exec.index + 1 : re.lastIndex;
    yield match;
    if (next > input.length) return;
    re.lastIndex = next;
  }
}

function firstMatch(regex: RegexValue, input: string, start = 0): MatchValue {
  if (start < 0 || start > input.length)
    throw fault(`Regex.Match: start ${start} is outside the input (ArgumentOutOfRangeException)`);
  for (const match of allMatches(regex, input, start)) return match;
  return EMPTY_MATCH;
}

/** `$1`, `${name}`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_` as .NET reads a replacement pattern. */
export function expandReplacement(replacement: string, match: MatchValue): string {
  return replacement.replace(/\$(\$|&|`|'|\+|_|\d+|\{(\w+)\})/g, (token, what: string, braced: string | undefined) => {
    const input = match.input;
    if (what === '$') return '$';
    if (what === '&') return match.value;
    if (what === '`') return input.slice(0, match.index);
    if (what === "'") return input.slice(match.index + match.length);
    if (what === '_') return input;
    if (what === '+') {
      const groups = match.groupCollection.groups;
      return groups.length > 1 ? groups[groups.length - 1].value : match.value;
    }
    const name = braced ?? what;
    const group = match.groupCollection.groups.find((g) => g.name === name);
    return group ? group.value : token;
  });
}

function replace(regex: RegexValue, input: string, produce: (match: MatchValue) => string): string {
  let out = '';
  let last = 0;
  for (const match of allMatches(regex, input)) {
    out += input.slice(last, match.index) + produce(match);
    last = match.index + match.length;
  }
  return out + input.slice(last);
}

/** .NET Regex.Split: pieces between matches, with captured groups in between (in group order). */
function split(regex: RegexValue, input: string): string[] {
  const parts: string[] = [];
  let last = 0;
  for (const match of allMatches(regex, input)) {
    parts.push(input.slice(last, match.index));
    for (const group of match.groupCollection.groups.slice(1)) if (group.success) parts.push(group.value);
    last = match.index + match.length;
  }
  parts.push(input.slice(last));
  return parts;
}

function evaluator(fn: unknown): (match: MatchValue) => string {
  return (match) => {
    const result = (fn as (m: MatchValue) => unknown)(match);
    return result === null || result === undefined ? '' : String(result);
  };
}

/** `Regex.Unescape`: `\n`, `\t`, `\\`, `\.` … back to the characters. */
function unescapeRegex(text: string): string {
  const simple: Readonly<Record<string, string>> = {
    n: '\n',
    t: '\t',
    r: '\r',
    f: '\f',
    v: '\v',
    a: '\x07',
    e: '\x1b',
    '0': '\0',
  };
  return text.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)/gs, (_, esc: string) => {
    if (esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
    return simple[esc] ?? esc;
  });
}

const MATCH_EVALUATOR = func(MATCH, STRING);

/**
 * The statics take the pattern, options and (ignored) match timeout each call; compiled
 * translations are cached. A JavaScript RegExp cannot be interrupted, so `matchTimeout` is
 * accepted but not enforced (see the input cap and refused shapes in system-regex-translate.ts).
 */
function staticOverloads(
  returns: Type,
  run: (regex: RegexValue, input: string, extra: unknown) => unknown,
  extra?: Type,
): Overload[] {
  const withExtra = extra ? [extra] : [];
  const compileFor = (input: unknown, pattern: unknown, options: unknown) =>
    [
      compile(pattern as string | null, (options as number | undefined) ?? 0),
      checkInput(input as string | null),
    ] as const;
  return [
    sig<null, unknown[]>(
      [STRING, STRING, ...withExtra],
      returns,
      (_, input, pattern, ...rest) => {
        const [regex, text] = compileFor(input, pattern, 0);
        return run(regex, text, rest[0]);
      },
      { allowsNull: true },
    ),
    ...[[REGEX_OPTIONS], [REGEX_OPTIONS, TIME_SPAN]].map((tail) =>
      sig<null, unknown[]>(
        [STRING, STRING, ...withExtra, ...tail],
        returns,
        (_, input, pattern, ...rest) => {
          const [regex, text] = compileFor(input, pattern, extra ? rest[1] : rest[0]);
          return run(regex, text, rest[0]);
        },
        { allowsNull: true },
      ),
    ),
  ];
}

const RegexStatics: TypeMembers = members(
  {},
  {
    IsMatch: method(...staticOverloads(BOOL, (regex, input) => firstMatch(regex, input).success)),
    Match: method(...staticOverloads(MATCH, (regex, input) => firstMatch(regex, input))),
    Matches: method(
      ...staticOverloads(MATCH_COLLECTION, (regex, input) => new MatchCollectionValue([...allMatches(regex, input)])),
    ),
    Replace: method(
      ...staticOverloads(
        STRING,
        (regex, input, replacement) => replace(regex, input, (m) => expandReplacement(String(replacement ?? ''), m)),
        STRING,
      ),
      ...staticOverloads(STRING, (regex, input, fn) => replace(regex, input, evaluator(fn)), MATCH_EVALUATOR),
    ),
    Split: method(...staticOverloads(STRING_ARRAY, (regex, input) => split(regex, input))),
    Unescape: method(sig<null, [string]>([STRING], STRING, (_, text) => unescapeRegex(text))),
  },
  {
    hints: {
      Escape:
        'Regex.Escape is not among the Regex members APIM allows; escape special characters with \\ in the pattern',
      CacheSize: 'Regex.CacheSize is not among the Regex members APIM allows',
    },
  },
);

const REGEX_CONSTRUCTORS: readonly Overload[] = [
  sig<null, [string | null, number, unknown]>(
    [STRING, REGEX_OPTIONS, TIME_SPAN],
    REGEX,
    (_, pattern, options) => compile(pattern, options),
    { allowsNull: true },
  ),
  sig<null, [string | null]>([STRING], REGEX, (_, pattern) => compile(pattern, 0), { allowsNull: true }),
  sig<null, [string | null, number]>(
    [STRING, REGEX_OPTIONS],
    REGEX,
    (_, pattern, options) => compile(pattern, options),
    {
      allowsNull: true,
    },
  ),
];

const RegexMembers: TypeMembers = members(
  { Options: prop<RegexValue>(REGEX_OPTIONS, (r) => r.options) },
  {
    IsMatch: method(
      sig<RegexValue, [string | null]>([STRING], BOOL, (r, input) => firstMatch(r, checkInput(input)).success, {
        allowsNull: true,
      }),
    ),
    Match: method(
      sig<RegexValue, [string | null]>([STRING], MATCH, (r, input) => firstMatch(r, checkInput(input)), {
        allowsNull: true,
      }),
      sig<RegexValue, [string | null, number]>(
        [STRING, INT],
        MATCH,
        (r, input, start) => firstMatch(r, checkInput(input), start),
        {
          allowsNull: true,
        },
      ),
    ),
    Matches: method(
      sig<RegexValue, [string | null]>(
        [STRING],
        MATCH_COLLECTION,
        (r, input) => new MatchCollectionValue([...allMatches(r, checkInput(input))]),
        {
          allowsNull: true,
        },
      ),
    ),
    Replace: method(
      sig<RegexValue, [string | null, string | null]>(
        [STRING, STRING],
        STRING,
        (r, input, replacement) => replace(r, checkInput(input), (m) => expandReplacement(replacement ?? '', m)),
        { allowsNull: true },
      ),
      sig<RegexValue, [string | null, unknown]>(
        [STRING, MATCH_EVALUATOR],
        STRING,
        (r, input, fn) => replace(r, checkInput(input), evaluator(fn)),
        {
          allowsNull: true,
        },
      ),
    ),
    Split: method(
      sig<RegexValue, [string | null]>([STRING], STRING_ARRAY, (r, input) => split(r, checkInput(input)), {
        allowsNull: true,
      }),
    ),
    ToString: method(sig<RegexValue, []>([], STRING, (r) => r.pattern)),
    GetGroupNames: method(sig<RegexValue, []>([], STRING_ARRAY, (r) => [...r.translated.names])),
  },
);

const captureProperties: Record<string, Property> = {
  Index: prop<CaptureValue>(INT, (c) => c.index),
  Length: prop<CaptureValue>(INT, (c) => c.length),
  Value: prop<CaptureValue>(STRING, (c) => c.value),
};
const captureMethods = { ToString: method(sig<CaptureValue, []>([], STRING, (c) => c.value)) };

const groupProperties: Record<string, Property> = {
  ...captureProperties,
  Success: prop<GroupValue>(BOOL, (g) => g.success),
  Name: prop<GroupValue>(STRING, (g) => g.name),
  Captures: prop<GroupValue>(CAPTURE_COLLECTION, (g) => g.captures),
};

const CaptureMembers = members(captureProperties, captureMethods);
const GroupMembers = members(groupProperties, captureMethods);
const MatchMembers = members(
  { ...groupProperties, Groups: prop<MatchValue>(GROUP_COLLECTION, (m) => m.groupCollection) },
  {
    ...captureMethods,
    Result: method(
      sig<MatchValue, [string]>([STRING], STRING, (m, replacement) => {
        if (!m.success) throw fault('Match.Result: the match failed (NotSupportedException)');
        return expandReplacement(replacement, m);
      }),
    ),
  },
  {
    hints: {
      NextMatch: 'Match.NextMatch is not among the Match members APIM allows; use Regex.Matches(…) and foreach',
    },
  },
);

const MatchStatics = members({ Empty: prop(MATCH, () => EMPTY_MATCH) });

function checkedItem<T>(items: readonly T[], index: unknown, what: string): T {
  const i = index as number;
  if (!Number.isInteger(i) || i < 0 || i >= items.length) {
    throw fault(`${what}[${i}] is outside the ${items.length} item(s) (ArgumentOutOfRangeException)`);
  }
  return items[i];
}

const GroupCollectionMembers = members(
  { Count: prop<GroupCollectionValue>(INT, (g) => g.groups.length) },
  {},
  {
    indexer: {
      key: OBJECT,
      returns: GROUP,
      get: (target, key) => (target as GroupCollectionValue).get(key),
    },
  },
);

const CaptureCollectionMembers = members(
  { Count: prop<CaptureCollectionValue>(INT, (c) => c.items.length) },
  {},
  {
    indexer: {
      key: INT,
      returns: CAPTURE,
      get: (target, key) => checkedItem((target as CaptureCollectionValue).items, key, 'Captures'),
    },
  },
);

const MatchCollectionMembers = members(
  { Count: prop<MatchCollectionValue>(INT, (c) => c.matches.length) },
  {},
  {
    indexer: {
      key: INT,
      returns: MATCH,
      get: (target, key) => checkedItem((target as MatchCollectionValue).matches, key, 'Matches'),
    },
  },
);

const RegexOptions = members(
  Object.fromEntries(Object.entries(OPTIONS).map(([name, value]) => [name, prop(REGEX_OPTIONS, () => value)])),
);

const INSTANCE: Readonly<Record<string, TypeMembers>> = {
  Regex: RegexMembers,
  Match: MatchMembers,
  RegexGroup: GroupMembers,
  Capture: CaptureMembers,
  GroupCollection: GroupCollectionMembers,
  CaptureCollection: CaptureCollectionMembers,
  MatchCollection: MatchCollectionMembers,
};

const ELEMENTS: Readonly<Record<string, Type>> = {
  GroupCollection: GROUP,
  CaptureCollection: CAPTURE,
  MatchCollection: MATCH,
};

const CLASSES: Readonly<Record<string, abstract new (...args: never[]) => unknown>> = {
  Regex: RegexValue,
  Match: MatchValue,
  RegexGroup: GroupValue,
  Capture: CaptureValue,
  GroupCollection: GroupCollectionValue,
  CaptureCollection: CaptureCollectionValue,
  MatchCollection: MatchCollectionValue,
};

const NAMESPACE = 'System.Text.RegularExpressions.';
const withNamespace = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(
    Object.entries(record).flatMap(([name, value]) => [
      [name, value],
      [`${NAMESPACE}${name}`, value],
    ]),
  );

const upcasts: LibraryConversion[] = [
  ['Match', 'RegexGroup'],
  ['Match', 'Capture'],
  ['RegexGroup', 'Capture'],
].map(([from, to]) => ({ from, to, implicit: true, convert: (value: unknown) => value }));

const optionOperators: LibraryOperator[] = [
  {
    op: '|',
    left: 'RegexOptions',
    right: 'RegexOptions',
    returns: REGEX_OPTIONS,
    apply: (a, b) => (a as number) | (b as number),
  },
  { op: '==', left: 'RegexOptions', right: 'RegexOptions', returns: BOOL, apply: (a, b) => a === b },
  { op: '!=', left: 'RegexOptions', right: 'RegexOptions', returns: BOOL, apply: (a, b) => a !== b },
];

export const systemRegex: LibraryModule = {
  staticMembers: withNamespace({ Regex: RegexStatics, Match: MatchStatics, RegexOptions }),
  constructors: withNamespace({ Regex: REGEX_CONSTRUCTORS }),
  typeNames: withNamespace({
    Regex: REGEX,
    Match: MATCH,
    Group: GROUP,
    Capture: CAPTURE,
    GroupCollection: GROUP_COLLECTION,
    CaptureCollection: CAPTURE_COLLECTION,
    MatchCollection: MATCH_COLLECTION,
    RegexOptions: REGEX_OPTIONS,
  }),
  valueTypes: ['RegexOptions'],
  instanceMembers: (type) => INSTANCE[type.name],
  elementTypeOf: (type) => ELEMENTS[type.name],
  conversions: [
    ...upcasts,
    { from: 'RegexOptions', to: 'int', implicit: false, convert: (value) => value },
    { from: 'int', to: 'RegexOptions', implicit: false, convert: (value) => value },
  ],
  operators: optionOperators,
  isInstanceOf(value, type) {
    const cls = CLASSES[type.name];
    return cls ? value instanceof cls : undefined;
  },
  format(value) {
    if (value instanceof CaptureValue) return value.value;
    if (value instanceof RegexValue) return value.pattern;
    if (value instanceof MatchCollectionValue) return `${NAMESPACE}MatchCollection`;
    if (value instanceof GroupCollectionValue) return `${NAMESPACE}GroupCollection`;
    if (value instanceof CaptureCollectionValue) return `${NAMESPACE}CaptureCollection`;
    return undefined;
  },
  runtimeTypeName(value) {
    for (const name of [
      'Match',
      'RegexGroup',
      'Capture',
      'Regex',
      'GroupCollection',
      'CaptureCollection',
      'MatchCollection',
    ]) {
      if (value instanceof CLASSES[name]) return name === 'RegexGroup' ? 'Group' : name;
    }
    return undefined;
  },
};
