import { type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, INT, type Type, VOID, enumerableOf, generic, named } from '../types';
import { equalityKey } from '../value-equality';

/**
 * `HashSet<T>` (optionally with a StringComparer that ignores case) and `Tuple` (`Tuple.Create(a, b)`,
 * `Item1` …). Run-time values: HashSetValue, TupleValue.
 */

export const STRING_COMPARER: Type = named('StringComparer');

/**
 * A `StringComparer` value (system-strings.ts owns the type): its comparison name says whether it
 * ignores case (`OrdinalIgnoreCase`, `InvariantCultureIgnoreCase` …).
 */
export interface ComparerLike {
  readonly comparison: string;
}

export function ignoresCase(comparer: ComparerLike | null): boolean {
  return comparer !== null && typeof comparer.comparison === 'string' && comparer.comparison.endsWith('IgnoreCase');
}

export class HashSetValue implements Iterable<unknown> {
  private readonly entries = new Map<unknown, unknown>();

  constructor(
    items: Iterable<unknown> = [],
    private readonly ignoreCase = false,
  ) {
    for (const item of items) this.add(item);
  }

  private id(item: unknown): unknown {
    return this.ignoreCase && typeof item === 'string' ? `s:${item.toUpperCase()}` : equalityKey(item);
  }

  get size(): number {
    return this.entries.size;
  }

  add(item: unknown): boolean {
    const id = this.id(item);
    if (this.entries.has(id)) return false;
    this.entries.set(id, item);
    return true;
  }

  has(item: unknown): boolean {
    return this.entries.has(this.id(item));
  }

  delete(item: unknown): boolean {
    return this.entries.delete(this.id(item));
  }

  clear(): void {
    this.entries.clear();
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.entries.values();
  }
}

export class TupleValue {
  constructor(readonly items: readonly unknown[]) {}
}

const MAX_TUPLE = 7;

/** `Tuple.Create(a, b, …)`: the item types come from the arguments. */
const TUPLE_STATICS = members(
  {},
  {
    Create: {
      overloads: [],
      infer: (types: readonly (Type | undefined)[]) => {
        if (types.length === 0 || types.length > MAX_TUPLE) return undefined;
        if (types.some((t) => t === undefined || t.name === 'null' || t.name === 'void')) return undefined;
        const itemTypes = types as readonly Type[];
        return [
          sig<null, unknown[]>([...itemTypes], generic('Tuple', ...itemTypes), (_, ...items) => new TupleValue(items), {
            allowsNull: true,
          }),
        ];
      },
    },
  },
);

function hashSetMembers(element: Type): TypeMembers {
  return members(
    { Count: prop<HashSetValue>(INT, (s) => s.size) },
    {
      Add: method(sig<HashSetValue, [unknown]>([element], BOOL, (s, item) => s.add(item), { allowsNull: true })),
      Contains: method(sig<HashSetValue, [unknown]>([element], BOOL, (s, item) => s.has(item), { allowsNull: true })),
      Remove: method(sig<HashSetValue, [unknown]>([element], BOOL, (s, item) => s.delete(item), { allowsNull: true })),
      Clear: method(sig<HashSetValue, []>([], VOID, (s) => s.clear())),
      UnionWith: method(
        sig<HashSetValue, [Iterable<unknown>]>([enumerableOf(element)], VOID, (s, items) => {
          for (const item of items) s.add(item);
        }),
      ),
    },
  );
}

function tupleMembers(items: readonly Type[]): TypeMembers {
  const properties = Object.fromEntries(
    items.map((type, i) => [`Item${i + 1}`, prop<TupleValue>(type, (t) => t.items[i])]),
  );
  return members(properties);
}

/** Members of HashSet<T> and Tuple<…>; undefined for other types. */
export function setAndTupleMembers(type: Type): TypeMembers | undefined {
  const args = type.args ?? [];
  if (type.name === 'HashSet' && args.length === 1) return hashSetMembers(args[0]);
  if (type.name === 'Tuple' && args.length > 0) return tupleMembers(args);
  return undefined;
}

/** `new HashSet<T>()`, `(items)`, `(comparer)`, `(items, comparer)`; `new Tuple<A, B>(a, b)`. */
export function setAndTupleConstructors(type: Type): readonly Overload[] | undefined {
  const args = type.args ?? [];
  if (type.name === 'HashSet' && args.length === 1) {
    const items = enumerableOf(args[0]);
    return [
      sig<null, []>([], type, () => new HashSetValue()),
      sig<null, [Iterable<unknown>]>([items], type, (_, values) => new HashSetValue(values)),
      sig<null, [ComparerLike]>([STRING_COMPARER], type, (_, c) => new HashSetValue([], ignoresCase(c)), {
        allowsNull: true,
      }),
      sig<null, [Iterable<unknown> | null, ComparerLike]>(
        [items, STRING_COMPARER],
        type,
        (_, values, c) => {
          if (values === null) throw fault('new HashSet: the items are null');
          return new HashSetValue(values, ignoresCase(c));
        },
        { allowsNull: true },
      ),
    ];
  }
  if (type.name === 'Tuple' && args.length > 0) {
    return [sig<null, unknown[]>([...args], type, (_, ...items) => new TupleValue(items), { allowsNull: true })];
  }
  return undefined;
}

export const SET_AND_TUPLE_STATICS: Readonly<Record<string, TypeMembers>> = {
  Tuple: TUPLE_STATICS,
  'System.Tuple': TUPLE_STATICS,
};
