import { castFromObject, defaultOf, isInstanceOf } from '../conversions';
import { invalid } from '../expression-error';
import { type Method, type TypeMembers, fault, members, method, sig } from '../members';
import {
  BOOL,
  DOUBLE,
  INFERRED,
  INT,
  LONG,
  type Type,
  arrayOf,
  displayType,
  enumerableOf,
  func,
  generic,
  isNumeric,
  withoutNullable,
} from '../types';
import { equalityKey, valueEquals } from '../value-equality';
import { MultiValueDictionary, StringDictionary } from '../context-view';
import { DictionaryValue, GroupingValue, KeyValuePairValue } from './collections';

/**
 * LINQ (System.Linq.Enumerable) over any enumerable: arrays, List<T>, IEnumerable<T>, JArray, the
 * values of a dictionary … Evaluation is eager: every operator returns a JS array (deferred
 * execution makes no difference to a policy expression). Lambdas arrive as JS functions.
 */

type Fn = (...args: unknown[]) => unknown;
type ElementTypeOf = (type: Type) => Type | undefined;

/** The values of any run-time enumerable (arrays, typed arrays, JS iterables such as JArray or a dictionary). */
export function itemsOf(source: unknown): readonly unknown[] {
  if (Array.isArray(source)) return source;
  if (source instanceof Map) return [...source].map(([key, value]) => new KeyValuePairValue(key, value));
  if (source instanceof MultiValueDictionary || source instanceof StringDictionary) {
    return source.names.map((name) => new KeyValuePairValue(name, source.get(name) ?? null));
  }
  if (source !== null && typeof source === 'object' && Symbol.iterator in source) {
    return [...(source as Iterable<unknown>)];
  }
  if (typeof source === 'string') return [...source];
  throw fault('the value is not a sequence');
}

const collator = new Intl.Collator('en-US');

/** The default comparer: numbers, dates, booleans by value, strings by the invariant culture, null first. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  const compareTo = (a as { compareTo?: unknown }).compareTo;
  if (typeof compareTo === 'function') return (compareTo as (other: unknown) => number).call(a, b);
  throw fault('these values cannot be ordered: they do not implement IComparable');
}

function noElements(): never {
  throw fault('the sequence contains no elements');
}

function firstMatch(items: readonly unknown[], predicate: Fn | undefined, fromEnd: boolean): number {
  if (!fromEnd) return predicate ? items.findIndex((x) => predicate(x) === true) : items.length > 0 ? 0 : -1;
  for (let i = items.length - 1; i >= 0; i--) if (!predicate || predicate(items[i]) === true) return i;
  return -1;
}

function single(items: readonly unknown[], predicate: Fn | undefined, orDefault: boolean, fallback: unknown): unknown {
  const matches = predicate ? items.filter((x) => predicate(x) === true) : items;
  if (matches.length > 1) throw fault('the sequence contains more than one matching element');
  if (matches.length === 0) return orDefault ? fallback : noElements();
  return matches[0];
}

function checkedSum(values: readonly number[], type: Type): number {
  const total = values.reduce((sum, value) => sum + value, 0);
  if (type.name === 'int' && (total > 2147483647 || total < -2147483648)) throw fault('arithmetic overflow in Sum');
  return total;
}

function extreme(values: readonly unknown[], sign: 1 | -1, type: Type): unknown {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) {
    if (type.nullable || defaultOf(type) === null) return null;
    return noElements();
  }
  return present.reduce((best, v) => (compareValues(v, best) * sign > 0 ? v : best));
}

const cache = new Map<string, TypeMembers>();
const LINQ_METHODS = new WeakSet<Method>();

/** Whether a method object is one of LINQ's (left out of "X has …" member lists). */
export function isLinqMethod(candidate: Method): boolean {
  return LINQ_METHODS.has(candidate);
}

/** The LINQ methods for a sequence of `element`; `elementTypeOf` types SelectMany. */
export function linqMembers(element: Type, elementTypeOf: ElementTypeOf): TypeMembers {
  const key = JSON.stringify(element);
  let found = cache.get(key);
  if (!found) {
    found = build(element, elementTypeOf);
    cache.set(key, found);
  }
  return found;
}

function build(T: Type, elementTypeOf: ElementTypeOf): TypeMembers {
  const seq = enumerableOf(T);
  const predicate = func(T, BOOL);
  const selector = func(T, INFERRED);
  const fallback = defaultOf(T);
  const resultOf = (make: (r: Type) => Type) => ({
    resultOf: (results: readonly (Type | undefined)[]) => make(results.find((r) => r !== undefined) ?? T),
  });
  type Src = unknown;
  const items = itemsOf;
  const pick = (name: string, fromEnd: boolean, orDefault: boolean): Method =>
    method(
      sig<Src, []>([], T, (s) => {
        const list = items(s);
        const at = firstMatch(list, undefined, fromEnd);
        return at >= 0 ? list[at] : orDefault ? fallback : noElements();
      }),
      sig<Src, [Fn]>([predicate], T, (s, p) => {
        const list = items(s);
        const at = firstMatch(list, p, fromEnd);
        if (at >= 0) return list[at];
        if (orDefault) return fallback;
        throw fault(`${name}: no element matches the condition`);
      }),
    );
  const numeric = isNumeric(withoutNullable(T));
  const aggregate = (
    name: 'Sum' | 'Min' | 'Max' | 'Average',
    compute: (values: readonly unknown[], type: Type) => unknown,
  ): Method => {
    const overloads = [
      sig<Src, [Fn]>(
        [func(T, INFERRED)],
        T,
        (s, f) =>
          compute(
            items(s).map((x) => f(x)),
            T,
          ),
        {
          resultOf: (results) => {
            const r = results[0] ?? T;
            if ((name === 'Sum' || name === 'Average') && !isNumeric(withoutNullable(r))) {
              throw invalid(`${name}(x => …) needs a lambda that gives a number, not ${displayType(r)}`);
            }
            if (name === 'Average') return DOUBLE;
            return r;
          },
        },
      ),
    ];
    if (numeric || name === 'Min' || name === 'Max') {
      overloads.unshift(sig<Src, []>([], name === 'Average' ? DOUBLE : T, (s) => compute(items(s), T)));
    }
    return { overloads };
  };
  const ordered = generic('IOrderedEnumerable', T);
  const orderBy = (sign: 1 | -1) =>
    method(sig<Src, [Fn]>([selector], ordered, (s, key) => sortBy([...items(s)], [{ key, sign }])));
  const methods: Record<string, Method> = {
    Where: method(
      sig<Src, [Fn]>([predicate], seq, (s, p) => items(s).filter((x) => p(x) === true)),
      sig<Src, [Fn]>([func(T, INT, BOOL)], seq, (s, p) => items(s).filter((x, i) => p(x, i) === true)),
    ),
    Select: method(
      sig<Src, [Fn]>(
        [selector],
        seq,
        (s, f) => items(s).map((x) => f(x)),
        resultOf((r) => enumerableOf(r)),
      ),
      sig<Src, [Fn]>(
        [func(T, INT, INFERRED)],
        seq,
        (s, f) => items(s).map((x, i) => f(x, i)),
        resultOf((r) => enumerableOf(r)),
      ),
    ),
    SelectMany: method(
      sig<Src, [Fn]>(
        [selector],
        seq,
        (s, f) => items(s).flatMap((x) => [...items(f(x))]),
        resultOf((r) => {
          const inner = elementTypeOf(r);
          if (!inner) throw invalid(`SelectMany(x => …) needs a lambda that gives a sequence, not ${displayType(r)}`);
          return enumerableOf(inner);
        }),
      ),
    ),
    Any: method(
      sig<Src, []>([], BOOL, (s) => items(s).length > 0),
      sig<Src, [Fn]>([predicate], BOOL, (s, p) => items(s).some((x) => p(x) === true)),
    ),
    All: method(sig<Src, [Fn]>([predicate], BOOL, (s, p) => items(s).every((x) => p(x) === true))),
    Count: method(
      sig<Src, []>([], INT, (s) => items(s).length),
      sig<Src, [Fn]>([predicate], INT, (s, p) => items(s).filter((x) => p(x) === true).length),
    ),
    Contains: method(
      sig<Src, [unknown]>([T], BOOL, (s, v) => items(s).some((x) => valueEquals(x, v)), { allowsNull: true }),
    ),
    First: pick('First', false, false),
    FirstOrDefault: pick('FirstOrDefault', false, true),
    Last: pick('Last', true, false),
    LastOrDefault: pick('LastOrDefault', true, true),
    Single: method(
      sig<Src, []>([], T, (s) => single(items(s), undefined, false, fallback)),
      sig<Src, [Fn]>([predicate], T, (s, p) => single(items(s), p, false, fallback)),
    ),
    SingleOrDefault: method(
      sig<Src, []>([], T, (s) => single(items(s), undefined, true, fallback)),
      sig<Src, [Fn]>([predicate], T, (s, p) => single(items(s), p, true, fallback)),
    ),
    ElementAt: method(
      sig<Src, [number]>([INT], T, (s, i) => {
        const list = items(s);
        if (i < 0 || i >= list.length) throw fault(`ElementAt(${i}) is out of range for ${list.length} elements`);
        return list[i];
      }),
    ),
    ElementAtOrDefault: method(
      sig<Src, [number]>([INT], T, (s, i) => {
        const list = items(s);
        return i >= 0 && i < list.length ? list[i] : fallback;
      }),
    ),
    ToArray: method(sig<Src, []>([], arrayOf(T), (s) => [...items(s)])),
    ToList: method(sig<Src, []>([], generic('List', T), (s) => [...items(s)])),
    ToDictionary: method(
      sig<Src, [Fn]>([selector], generic('Dictionary', INFERRED, T), (s, k) => toDictionary(items(s), k, (x) => x), {
        resultOf: (results) => generic('Dictionary', results[0] ?? T, T),
      }),
      sig<Src, [Fn, Fn]>(
        [selector, selector],
        generic('Dictionary', INFERRED, INFERRED),
        (s, k, v) => toDictionary(items(s), k, v),
        {
          resultOf: (results) => generic('Dictionary', results[0] ?? T, results[1] ?? T),
        },
      ),
    ),
    OrderBy: orderBy(1),
    OrderByDescending: orderBy(-1),
    Reverse: method(sig<Src, []>([], seq, (s) => [...items(s)].reverse())),
    Skip: method(sig<Src, [number]>([INT], seq, (s, n) => items(s).slice(Math.max(0, n)))),
    Take: method(sig<Src, [number]>([INT], seq, (s, n) => items(s).slice(0, Math.max(0, n)))),
    SkipWhile: method(
      sig<Src, [Fn]>([predicate], seq, (s, p) => {
        const list = items(s);
        const at = list.findIndex((x) => p(x) !== true);
        return at < 0 ? [] : list.slice(at);
      }),
    ),
    TakeWhile: method(
      sig<Src, [Fn]>([predicate], seq, (s, p) => {
        const list = items(s);
        const at = list.findIndex((x) => p(x) !== true);
        return at < 0 ? [...list] : list.slice(0, at);
      }),
    ),
    GroupBy: method(
      sig<Src, [Fn]>([selector], seq, (s, key) => groupBy(items(s), key), {
        resultOf: (results) => enumerableOf(generic('IGrouping', results[0] ?? T, T)),
      }),
    ),
    OfType: {
      overloads: [],
      generic: (type: Type) => [
        sig<Src, []>([], enumerableOf(type), (s) => items(s).filter((x) => isInstanceOf(x, type))),
      ],
    },
    Cast: {
      overloads: [],
      generic: (type: Type) => [
        sig<Src, []>([], enumerableOf(type), (s) => items(s).map((x) => castFromObject(x, type, 'an element'))),
      ],
    },
    Distinct: method(sig<Src, []>([], seq, (s) => distinct(items(s)))),
    Concat: method(sig<Src, [unknown]>([seq], seq, (s, other) => [...items(s), ...items(other)])),
    Union: method(sig<Src, [unknown]>([seq], seq, (s, other) => distinct([...items(s), ...items(other)]))),
    Intersect: method(
      sig<Src, [unknown]>([seq], seq, (s, other) => {
        const keep = new Set(items(other).map(equalityKey));
        return distinct(items(s)).filter((x) => keep.has(equalityKey(x)));
      }),
    ),
    Except: method(
      sig<Src, [unknown]>([seq], seq, (s, other) => {
        const drop = new Set(items(other).map(equalityKey));
        return distinct(items(s)).filter((x) => !drop.has(equalityKey(x)));
      }),
    ),
    SequenceEqual: method(
      sig<Src, [unknown]>([seq], BOOL, (s, other) => {
        const [a, b] = [items(s), items(other)];
        return a.length === b.length && a.every((x, i) => valueEquals(x, b[i]));
      }),
    ),
    Append: method(sig<Src, [unknown]>([T], seq, (s, item) => [...items(s), item], { allowsNull: true })),
    Prepend: method(sig<Src, [unknown]>([T], seq, (s, item) => [item, ...items(s)], { allowsNull: true })),
    DefaultIfEmpty: method(
      sig<Src, []>([], seq, (s) => (items(s).length > 0 ? [...items(s)] : [fallback])),
      sig<Src, [unknown]>([T], seq, (s, value) => (items(s).length > 0 ? [...items(s)] : [value]), {
        allowsNull: true,
      }),
    ),
    LongCount: method(sig<Src, []>([], LONG, (s) => items(s).length)),
    Aggregate: {
      overloads: [
        sig<Src, [Fn]>([func(T, T, T)], T, (s, f) => {
          const list = items(s);
          if (list.length === 0) noElements();
          return list.reduce((acc, x) => f(acc, x));
        }),
      ],
      // Aggregate(seed, (acc, x) => …): the accumulator's type comes from the seed.
      infer: ([seed]: readonly (Type | undefined)[]) =>
        seed && seed.name !== 'null'
          ? [
              sig<Src, [unknown, Fn]>(
                [seed, func(seed, T, seed)],
                seed,
                (s, start, f) => items(s).reduce((acc, x) => f(acc, x), start),
                { allowsNull: true },
              ),
            ]
          : undefined,
    },
    Sum: aggregate('Sum', (values, type) =>
      checkedSum(
        values.filter((v): v is number => typeof v === 'number'),
        withoutNullable(type),
      ),
    ),
    Min: aggregate('Min', (values, type) => extreme(values, -1, type)),
    Max: aggregate('Max', (values, type) => extreme(values, 1, type)),
    Average: aggregate('Average', (values) => {
      const numbers = values.filter((v): v is number => typeof v === 'number');
      if (numbers.length === 0) noElements();
      return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    }),
  };
  for (const linq of Object.values(methods)) LINQ_METHODS.add(linq);
  return members({}, methods, {
    hints: {
      Join: 'Enumerable.Join is not supported; use a foreach loop',
      ThenBy: 'ThenBy follows OrderBy or OrderByDescending: list.OrderBy(x => …).ThenBy(x => …)',
    },
  });
}

/** A sort key and its direction; OrderBy starts the list, each ThenBy adds one. */
interface SortKey {
  readonly key: Fn;
  readonly sign: 1 | -1;
}

/** The source and keys of an ordered sequence, kept on the result so that ThenBy can sort again. */
const ORDER = Symbol('order');

type OrderedItems = unknown[] & { [ORDER]?: { source: readonly unknown[]; keys: readonly SortKey[] } };

/** A stable sort by `keys` in turn (LINQ's OrderBy/ThenBy are stable). */
function sortBy(source: readonly unknown[], keys: readonly SortKey[]): OrderedItems {
  const rows = source.map((item, index) => ({ item, index, values: keys.map((k) => k.key(item)) }));
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = compareValues(a.values[i], b.values[i]) * keys[i].sign;
      if (order !== 0) return order;
    }
    return a.index - b.index;
  });
  const result: OrderedItems = rows.map((row) => row.item);
  Object.defineProperty(result, ORDER, { value: { source, keys }, enumerable: false });
  return result;
}

/** `ThenBy` / `ThenByDescending` on the result of OrderBy (IOrderedEnumerable<T>). */
export function orderedMembers(type: Type): TypeMembers | undefined {
  if (type.name !== 'IOrderedEnumerable' || type.args?.length !== 1) return undefined;
  const T = type.args[0];
  const thenBy = (sign: 1 | -1) =>
    method(
      sig<OrderedItems, [Fn]>([func(T, INFERRED)], type, (s, key) => {
        const order = s[ORDER];
        return order ? sortBy(order.source, [...order.keys, { key, sign }]) : sortBy([...s], [{ key, sign }]);
      }),
    );
  return members({}, { ThenBy: thenBy(1), ThenByDescending: thenBy(-1) });
}

function groupBy(list: readonly unknown[], key: Fn): GroupingValue[] {
  const groups = new Map<unknown, GroupingValue>();
  for (const item of list) {
    const k = key(item);
    const id = equalityKey(k);
    let group = groups.get(id);
    if (!group) {
      group = new GroupingValue(k);
      groups.set(id, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

function distinct(list: readonly unknown[]): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const item of list) {
    const key = equalityKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

function toDictionary(list: readonly unknown[], key: Fn, value: Fn): DictionaryValue {
  const dictionary = new DictionaryValue();
  for (const item of list) {
    const k = key(item);
    if (k === null || k === undefined) throw fault('ToDictionary: a key is null');
    if (dictionary.has(k)) throw fault(`ToDictionary: the key "${String(k)}" appears twice`);
    dictionary.set(k, value(item));
  }
  return dictionary;
}

/** `Enumerable.Range(start, count)`, `Enumerable.Empty<T>()`, `Enumerable.Repeat(value, count)`. */
const ENUMERABLE = members(
  {},
  {
    Range: method(
      sig<null, [number, number]>([INT, INT], enumerableOf(INT), (_, start, count) => {
        if (count < 0 || start + count - 1 > 2147483647)
          throw fault(`Enumerable.Range(${start}, ${count}) is out of range`);
        if (count > 1_000_000) throw fault(`Enumerable.Range: ${count} items is too many for a policy expression`);
        return Array.from({ length: count }, (_, i) => start + i);
      }),
    ),
    Empty: {
      overloads: [],
      generic: (type: Type) => [sig<null, []>([], enumerableOf(type), () => [])],
    },
    Repeat: {
      overloads: [],
      // Enumerable.Repeat(value, count): T comes from the value, as C# infers it.
      infer: ([type]: readonly (Type | undefined)[]) =>
        type && type.name !== 'null'
          ? [
              sig<null, [unknown, number]>(
                [type, INT],
                enumerableOf(type),
                (_, value, count) => {
                  if (count < 0 || count > 1_000_000) throw fault(`Enumerable.Repeat: ${count} items is out of range`);
                  return new Array<unknown>(count).fill(value);
                },
                { allowsNull: true },
              ),
            ]
          : undefined,
    },
  },
);

export const LINQ_STATICS: Readonly<Record<string, TypeMembers>> = {
  Enumerable: ENUMERABLE,
  'System.Linq.Enumerable': ENUMERABLE,
};
