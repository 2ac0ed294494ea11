import { CONTEXT_MEMBERS } from './context-members';
import { ANONYMOUS_PREFIX, anonymousMembers } from './anonymous-object';
import { exceptionMembers } from './exception-value';
import { ARRAY_STATICS } from './library/array-statics';
import { SET_AND_TUPLE_STATICS, setAndTupleMembers } from './library/sets-and-tuples';
import { collectionElementType, collectionMembers } from './library/collections';
import { LINQ_STATICS, isLinqMethod, linqMembers, orderedMembers } from './library/linq';
import { libraryElementType, libraryInstanceMembers, libraryStaticMembers } from './library-registry';
import type { Method, TypeMembers } from './members';
import { STATIC_MEMBERS } from './static-members';
import {
  CHAR,
  OBJECT,
  STRING,
  STRING_ARRAY,
  type Type,
  arrayElement,
  generic,
  displayType,
  withoutNullable,
} from './types';
import { VALUE_MEMBERS } from './value-members';

/**
 * The static type table the checker resolves every member against: the context view, the core
 * value types, then the library slices (library/index.ts). Every enumerable type also gets the
 * LINQ methods it does not define itself (library/linq.ts).
 */
const cache = new Map<string, TypeMembers | null>();

export function membersOf(type: Type): TypeMembers | undefined {
  const key = displayType(withoutNullable(type));
  let found = cache.get(key);
  if (found === undefined) {
    found = resolveMembers(withoutNullable(type)) ?? null;
    cache.set(key, found);
  }
  return found ?? undefined;
}

function resolveMembers(type: Type): TypeMembers | undefined {
  const own = hasOwn(CONTEXT_MEMBERS, type.name)
    ? CONTEXT_MEMBERS[type.name]
    : hasOwn(VALUE_MEMBERS, type.name)
      ? VALUE_MEMBERS[type.name]
      : (libraryInstanceMembers(type) ??
        collectionMembers(type) ??
        setAndTupleMembers(type) ??
        orderedMembers(type) ??
        anonymousMembers(type) ??
        exceptionMembers(type));
  const element = elementTypeOf(type);
  if (!element) return own;
  const linq = linqMembers(element, elementTypeOf);
  if (!own) return linq;
  const methods: Record<string, Method> = { ...linq.methods };
  for (const [name, method] of Object.entries(own.methods)) {
    const extra = linq.methods[name];
    // The type's own overloads win; LINQ adds the lambda ones (string[].Any() and .Any(x => …)).
    methods[name] = extra ? { ...method, overloads: [...method.overloads, ...extra.overloads] } : method;
  }
  return { ...own, methods, hints: { ...linq.hints, ...own.hints } };
}

/** The context's read-only dictionaries enumerate as `KeyValuePair<string, V>` (headers, query, variables). */
const DICTIONARY_VIEWS: Readonly<Record<string, Type>> = {
  StringArrayDictionary: STRING_ARRAY,
  StringDictionary: STRING,
  Variables: OBJECT,
};

/** The element type `foreach` and LINQ see: `T[]` → T, `List<T>`/`IEnumerable<T>` → T, `JArray` → JToken … */
export function elementTypeOf(type: Type): Type | undefined {
  const plain = withoutNullable(type);
  const element = arrayElement(plain);
  if (element) return element;
  if ((plain.name === 'List' || plain.name === 'IEnumerable') && plain.args?.length === 1) return plain.args[0];
  if (plain.name === 'string') return CHAR;
  if (plain.name.startsWith(ANONYMOUS_PREFIX)) return undefined;
  const dictionary = DICTIONARY_VIEWS[plain.name];
  if (dictionary) return generic('KeyValuePair', STRING, dictionary);
  return collectionElementType(plain) ?? libraryElementType(plain);
}

/** Members of a type named in source (`string`, `DateTime`, `StringComparison`, `Convert`), or undefined. */
export function staticMembersOf(name: string): TypeMembers | undefined {
  if (hasOwn(STATIC_MEMBERS, name)) return STATIC_MEMBERS[name];
  if (hasOwn(LINQ_STATICS, name)) return LINQ_STATICS[name];
  const core = hasOwn(ARRAY_STATICS, name) ? ARRAY_STATICS[name] : undefined;
  return (
    libraryStaticMembers(name) ??
    core ??
    (hasOwn(SET_AND_TUPLE_STATICS, name) ? SET_AND_TUPLE_STATICS[name] : undefined)
  );
}

/**
 * `Method, Url, Headers, GetValueOrDefault(…), [key]`: what a type offers, for "is not supported"
 * messages. LINQ methods are summed up in one phrase rather than listed.
 */
export function describeMembers(members: TypeMembers): string {
  const methods = Object.entries(members.methods);
  const own = methods.filter(([, m]) => !isLinqMethod(m));
  const names = [
    ...Object.keys(members.properties),
    ...own.map(([name]) => `${name}(…)`),
    ...(members.indexer ? ['an indexer […]'] : []),
    ...(own.length < methods.length ? ['the LINQ methods (Where, Select, Any …)'] : []),
  ];
  return names.length === 0 ? 'no members' : names.join(', ');
}

function hasOwn<T>(record: Readonly<Record<string, T>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
