import type { LibraryModule } from './library-module';
import { type Indexer, type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import {
  BOOL,
  INT,
  OBJECT,
  type Type,
  VOID,
  arrayElement,
  arrayOf,
  displayType,
  enumerableOf,
  func,
  generic,
} from '../types';
import { equalityKey, valueEquals } from '../value-equality';
import { AnonymousObject } from '../anonymous-object';
import { isInstanceOf } from '../conversions';
import { compareValues } from './linq';
import { type ComparerLike, HashSetValue, STRING_COMPARER, TupleValue, ignoresCase } from './sets-and-tuples';
import { formatValue } from '../value-format';

/**
 * Arrays (`T[]`), `List<T>`, `Dictionary<K, V>` and `KeyValuePair<K, V>`.
 * Run-time values: arrays and lists are JS arrays (`byte[]` is a Uint8Array), a dictionary is a
 * {@link DictionaryValue} (insertion order kept, keys compared like C#'s default comparer: strings
 * ordinally), a pair is a {@link KeyValuePairValue}.
 */

export class KeyValuePairValue {
  constructor(
    readonly key: unknown,
    readonly value: unknown,
  ) {}
}

/** One group of GroupBy: its key and its items, in source order. */
export class GroupingValue implements Iterable<unknown> {
  readonly items: unknown[] = [];
  constructor(readonly key: unknown) {}

  [Symbol.iterator](): Iterator<unknown> {
    return this.items[Symbol.iterator]();
  }
}

export class DictionaryValue implements Iterable<KeyValuePairValue> {
  private readonly entries = new Map<unknown, KeyValuePairValue>();

  /** `ignoreCase`: built with StringComparer.OrdinalIgnoreCase (or another IgnoreCase comparer). */
  constructor(private readonly ignoreCase = false) {}

  private id(key: unknown): unknown {
    return this.ignoreCase && typeof key === 'string' ? `s:${key.toUpperCase()}` : equalityKey(key);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: unknown): boolean {
    return this.entries.has(this.id(key));
  }

  get(key: unknown): unknown {
    return this.entries.get(this.id(key))?.value;
  }

  set(key: unknown, value: unknown): void {
    this.entries.set(this.id(key), new KeyValuePairValue(key, value));
  }

  delete(key: unknown): boolean {
    return this.entries.delete(this.id(key));
  }

  clear(): void {
    this.entries.clear();
  }

  keys(): unknown[] {
    return [...this.entries.values()].map((pair) => pair.key);
  }

  values(): unknown[] {
    return [...this.entries.values()].map((pair) => pair.value);
  }

  [Symbol.iterator](): Iterator<KeyValuePairValue> {
    return this.entries.values();
  }
}

type Items = unknown[] | Uint8Array;

function checkIndex(items: { length: number }, index: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) {
    throw fault(`index ${index} is out of range for ${what} of length ${items.length}`);
  }
}

function arrayIndexer(element: Type, what: string): Indexer {
  return {
    key: INT,
    returns: element,
    get: (target, key) => {
      checkIndex(target as Items, key as number, what);
      return (target as Items)[key as number];
    },
    set: (target, key, value) => {
      checkIndex(target as Items, key as number, what);
      (target as unknown[])[key as number] = value;
    },
  };
}

function arrayMembers(type: Type, element: Type): TypeMembers {
  return members(
    { Length: prop<Items>(INT, (a) => a.length) },
    {},
    { indexer: arrayIndexer(element, displayType(type)) },
  );
}

type Predicate = (item: unknown) => unknown;
type Comparison = (a: unknown, b: unknown) => unknown;

/** List<T>.Sort sorts in place (stable here; .NET's introsort is not, which only shows on equal keys). */
function sortList(items: unknown[], compare: (a: unknown, b: unknown) => number): void {
  const sorted = [...items].sort(compare);
  items.splice(0, items.length, ...sorted);
}

function listMembers(element: Type): TypeMembers {
  const list = generic('List', element);
  const predicate = func(element, BOOL);
  const indexOf = (items: unknown[], item: unknown) => items.findIndex((x) => valueEquals(x, item));
  return members(
    { Count: prop<unknown[]>(INT, (a) => a.length) },
    {
      Add: method(sig<unknown[], [unknown]>([element], VOID, (a, item) => void a.push(item), { allowsNull: true })),
      AddRange: method(
        sig<unknown[], [Iterable<unknown>]>([enumerableOf(element)], VOID, (a, items) => void a.push(...items)),
      ),
      Insert: method(
        sig<unknown[], [number, unknown]>(
          [INT, element],
          VOID,
          (a, at, item) => {
            if (at < 0 || at > a.length) throw fault(`index ${at} is out of range for Insert into ${a.length} items`);
            a.splice(at, 0, item);
          },
          { allowsNull: true },
        ),
      ),
      Remove: method(
        sig<unknown[], [unknown]>(
          [element],
          BOOL,
          (a, item) => {
            const at = indexOf(a, item);
            if (at >= 0) a.splice(at, 1);
            return at >= 0;
          },
          { allowsNull: true },
        ),
      ),
      RemoveAt: method(
        sig<unknown[], [number]>([INT], VOID, (a, at) => {
          checkIndex(a, at, displayType(list));
          a.splice(at, 1);
        }),
      ),
      Contains: method(
        sig<unknown[], [unknown]>([element], BOOL, (a, item) => indexOf(a, item) >= 0, { allowsNull: true }),
      ),
      IndexOf: method(sig<unknown[], [unknown]>([element], INT, (a, item) => indexOf(a, item), { allowsNull: true })),
      Clear: method(sig<unknown[], []>([], VOID, (a) => void a.splice(0, a.length))),
      ForEach: method(
        sig<unknown[], [(item: unknown) => unknown]>([func(element, VOID)], VOID, (a, action) => {
          for (const item of [...a]) action(item);
        }),
      ),
      ToArray: method(sig<unknown[], []>([], arrayOf(element), (a) => [...a])),
      Sort: method(
        sig<unknown[], []>([], VOID, (a) => sortList(a, compareValues)),
        sig<unknown[], [Comparison]>([func(element, element, INT)], VOID, (a, compare) =>
          sortList(a, (x, y) => compare(x, y) as number),
        ),
      ),
      Reverse: method(sig<unknown[], []>([], VOID, (a) => void a.reverse())),
      Exists: method(sig<unknown[], [Predicate]>([predicate], BOOL, (a, match) => a.some((x) => match(x) === true))),
      TrueForAll: method(
        sig<unknown[], [Predicate]>([predicate], BOOL, (a, match) => a.every((x) => match(x) === true)),
      ),
      Find: method(
        sig<unknown[], [Predicate]>([predicate], element, (a, match) => {
          const found = a.find((x) => match(x) === true);
          return found === undefined ? defaultFor(element) : found;
        }),
      ),
      FindAll: method(sig<unknown[], [Predicate]>([predicate], list, (a, match) => a.filter((x) => match(x) === true))),
      FindIndex: method(
        sig<unknown[], [Predicate]>([predicate], INT, (a, match) => a.findIndex((x) => match(x) === true)),
      ),
      RemoveAll: method(
        sig<unknown[], [Predicate]>([predicate], INT, (a, match) => {
          const kept = a.filter((x) => match(x) !== true);
          const removed = a.length - kept.length;
          a.splice(0, a.length, ...kept);
          return removed;
        }),
      ),
      GetRange: method(
        sig<unknown[], [number, number]>([INT, INT], list, (a, from, count) => {
          if (from < 0 || count < 0 || from + count > a.length) {
            throw fault(`GetRange(${from}, ${count}) is out of range for ${a.length} items`);
          }
          return a.slice(from, from + count);
        }),
      ),
    },
    { indexer: arrayIndexer(element, displayType(list)) },
  );
}

function dictionaryMembers(key: Type, value: Type): TypeMembers {
  const missing = (k: unknown) => fault(`the key "${String(k)}" was not present in the dictionary`);
  return members(
    {
      Count: prop<DictionaryValue>(INT, (d) => d.size),
      Keys: prop<DictionaryValue>(enumerableOf(key), (d) => d.keys()),
      Values: prop<DictionaryValue>(enumerableOf(value), (d) => d.values()),
    },
    {
      Add: method(
        sig<DictionaryValue, [unknown, unknown]>(
          [key, value],
          VOID,
          (d, k, v) => {
            if (k === null) throw fault('a dictionary key cannot be null');
            if (d.has(k)) throw fault(`an item with the key "${String(k)}" has already been added`);
            d.set(k, v);
          },
          { allowsNull: true, names: ['key', 'value'] },
        ),
      ),
      ContainsKey: method(sig<DictionaryValue, [unknown]>([key], BOOL, (d, k) => d.has(k))),
      ContainsValue: method(
        sig<DictionaryValue, [unknown]>([value], BOOL, (d, v) => d.values().some((x) => valueEquals(x, v)), {
          allowsNull: true,
        }),
      ),
      TryGetValue: method(
        sig<DictionaryValue, [unknown, { value: unknown }]>(
          [key, value],
          BOOL,
          (d, k, box) => {
            const found = d.has(k);
            box.value = found ? d.get(k) : defaultFor(value);
            return found;
          },
          { outParams: [1], names: ['key', 'value'] },
        ),
      ),
      GetValueOrDefault: method(
        sig<DictionaryValue, [unknown, unknown]>(
          [key, value],
          value,
          (d, k, fallback) => {
            if (k === null) throw fault('a dictionary key cannot be null');
            return d.has(k) ? d.get(k) : fallback;
          },
          { allowsNull: true, names: ['key', 'defaultValue'], optional: 1, defaults: [defaultFor(value)] },
        ),
      ),
      Remove: method(sig<DictionaryValue, [unknown]>([key], BOOL, (d, k) => d.delete(k))),
      Clear: method(sig<DictionaryValue, []>([], VOID, (d) => d.clear())),
    },
    {
      indexer: {
        key,
        returns: value,
        get: (d, k) => {
          const dictionary = d as DictionaryValue;
          if (!dictionary.has(k)) throw missing(k);
          return dictionary.get(k);
        },
        set: (d, k, v) => (d as DictionaryValue).set(k, v),
      },
    },
  );
}

function defaultFor(type: Type): unknown {
  if (type.nullable) return null;
  if (type.name === 'bool') return false;
  if (['int', 'long', 'byte', 'double'].includes(type.name)) return 0;
  return null;
}

function pairMembers(key: Type, value: Type): TypeMembers {
  return members({
    Key: prop<KeyValuePairValue>(key, (p) => p.key),
    Value: prop<KeyValuePairValue>(value, (p) => p.value),
  });
}

/** Members of arrays and the generic collections; undefined for any other type. */
export function collectionMembers(type: Type): TypeMembers | undefined {
  const element = arrayElement(type);
  if (element) return arrayMembers(type, element);
  const args = type.args ?? [];
  if (type.name === 'List' && args.length === 1) return listMembers(args[0]);
  if (type.name === 'Dictionary' && args.length === 2) return dictionaryMembers(args[0], args[1]);
  if (type.name === 'KeyValuePair' && args.length === 2) return pairMembers(args[0], args[1]);
  if (type.name === 'IEnumerable' && args.length === 1) return members({});
  if (type.name === 'IGrouping' && args.length === 2) {
    return members({ Key: prop<GroupingValue>(args[0], (g) => g.key) });
  }
  return undefined;
}

/** `new List<T>()`, `new List<T>(items)`, `new Dictionary<K, V>()`, `new KeyValuePair<K, V>(k, v)`. */
export function collectionConstructors(type: Type): readonly Overload[] | undefined {
  const args = type.args ?? [];
  if (type.name === 'List' && args.length === 1) {
    return [
      sig<null, []>([], type, () => []),
      sig<null, [number]>([INT], type, () => []),
      sig<null, [Iterable<unknown>]>([enumerableOf(args[0])], type, (_, items) => [...items]),
    ];
  }
  if (type.name === 'Dictionary' && args.length === 2) {
    return [
      sig<null, []>([], type, () => new DictionaryValue()),
      sig<null, [ComparerLike | null]>(
        [STRING_COMPARER],
        type,
        (_, comparer) => new DictionaryValue(ignoresCase(comparer)),
        { names: ['comparer'], allowsNull: true },
      ),
    ];
  }
  if (type.name === 'KeyValuePair' && args.length === 2) {
    return [
      sig<null, [unknown, unknown]>([args[0], args[1]], type, (_, k, v) => new KeyValuePairValue(k, v), {
        allowsNull: true,
      }),
    ];
  }
  return undefined;
}

/** `foreach` element of a dictionary: its pairs. */
export function collectionElementType(type: Type): Type | undefined {
  const args = type.args ?? [];
  if (type.name === 'Dictionary' && args.length === 2) return generic('KeyValuePair', args[0], args[1]);
  if (type.name === 'IGrouping' && args.length === 2) return args[1];
  if (type.name === 'IOrderedEnumerable' && args.length === 1) return args[0];
  if (type.name === 'HashSet' && args.length === 1) return args[0];
  return undefined;
}

/** C#'s `ToString()` of an anonymous object: `{ a = 1, b = x }`. */
export function formatAnonymous(value: AnonymousObject): string {
  const parts = value.names.map((name, i) => {
    const v = value.values[i];
    return `${name} = ${v === null || v === undefined ? '' : formatValue(v)}`;
  });
  return parts.length === 0 ? '{ }' : `{ ${parts.join(', ')} }`;
}

/** Run-time tests, names and text of the collection values, for `is`, casts from object and messages. */
export const COLLECTIONS_MODULE: LibraryModule = {
  isInstanceOf(value, type) {
    if (type.name === 'Dictionary') return value instanceof DictionaryValue;
    if (type.name === 'HashSet') return value instanceof HashSetValue;
    if (type.name === 'Tuple') return value instanceof TupleValue;
    if (type.name === 'KeyValuePair') return value instanceof KeyValuePairValue;
    if (type.name === 'List' && Array.isArray(value)) {
      const element = type.args?.[0] ?? OBJECT;
      return value.every((item) => item === null || isInstanceOf(item, element));
    }
    return undefined;
  },
  runtimeTypeName(value) {
    if (value instanceof AnonymousObject) return 'anonymous object';
    if (value instanceof DictionaryValue) return 'Dictionary';
    if (value instanceof KeyValuePairValue) return 'KeyValuePair';
    return undefined;
  },
  format(value) {
    if (value instanceof AnonymousObject) return formatAnonymous(value);
    if (value instanceof DictionaryValue) return 'System.Collections.Generic.Dictionary`2';
    if (value instanceof HashSetValue) return 'System.Collections.Generic.HashSet`1';
    if (value instanceof TupleValue) {
      return `(${value.items.map((item) => (item === null || item === undefined ? '' : formatValue(item))).join(', ')})`;
    }
    if (value instanceof KeyValuePairValue) return `[${String(value.key)}, ${String(value.value)}]`;
    return undefined;
  },
};
