import type { BinaryOp } from '../ast';
import type { Overload, TypeMembers } from '../members';
import type { Type } from '../types';

/**
 * One slice of the .NET surface APIM lets policy expressions use (Microsoft Learn: "API Management
 * policy expressions", allowed types and members). Each slice lives in its own file under
 * `library/` and is listed in `library/index.ts`; the checker consults the merged tables, so adding
 * a type never touches the checker.
 *
 * Run-time values (shared by every slice):
 * string, char → JS string · int, long, byte, double → number (long: safe-integer range) · bool → boolean ·
 * null → null · byte[] → Uint8Array · T[] and List<T> → JS array · DateTime → Date (UTC) ·
 * TimeSpan → TimeSpanValue (context-view.ts) · Dictionary<K, V> → DictionaryValue and KeyValuePair → KeyValuePairValue
 * (library/collections.ts) · `new { … }` → AnonymousObject (`names`, `values`; anonymous-object.ts) ·
 * a lambda → a JS function · everything else → a class of its slice's file.
 * An enumerable value (arrays, JArray, MatchCollection …) is a JS iterable of its element values.
 *
 * Types (types.ts): generic types carry `args` (`{ name: 'List', args: [STRING] }`), arrays are named
 * `T[]` (`arrayOf`, `arrayElement`). Signatures (members.ts `Overload`) may declare `out` parameters
 * (`outParams`: the invoke gets a `{ value }` box), parameter `names` (named arguments), trailing
 * `optional` ones with `defaults`, and `Func<…>` parameters for lambdas (`func(T, BOOL)`; `INFERRED`
 * as the result when the lambda decides it, with `resultOf`). A generic method called without `<T>`
 * may infer its signatures from the argument types (`Method.infer`).
 */
export interface LibraryModule {
  /** Members of instances, by type name (`JObject`, `Guid`, `byte[]`). Generic types get their `Type` with `args`. */
  instanceMembers?(type: Type): TypeMembers | undefined;
  /** Static members reachable by a type name written in source (`Convert`, `Encoding.UTF8`, `System.Text.Encoding`). */
  readonly staticMembers?: Readonly<Record<string, TypeMembers>>;
  /** `new T(…)` signatures by type name; `invoke`'s target is null. */
  readonly constructors?: Readonly<Record<string, readonly Overload[]>>;
  /** Type names written in source (aliases included: `Int64`, `System.Guid`) → the Type they mean. */
  readonly typeNames?: Readonly<Record<string, Type>>;
  /** Names of value types (never null unless `T?`): `long`, `byte`, `Guid`, `TimeSpan`, `DateTimeOffset`. */
  readonly valueTypes?: readonly string[];
  /** `foreach` / LINQ element type of an enumerable type (`JArray` → `JToken`), by type name. */
  elementTypeOf?(type: Type): Type | undefined;
  /** Conversions between types: implicit ones apply silently (`string` → `JToken`), explicit ones need a cast. */
  readonly conversions?: readonly LibraryConversion[];
  /** User-defined operators (`DateTime - DateTime` → `TimeSpan`), tried before the built-in numeric ones. */
  readonly operators?: readonly LibraryOperator[];
  /** Run-time type test for `is`, `as` and casts from `object`; undefined when the slice does not own `type`. */
  isInstanceOf?(value: unknown, type: Type): boolean | undefined;
  /** C# `ToString()` of a run-time value the slice owns; undefined when it does not own the value. */
  format?(value: unknown): string | undefined;
  /** C# type name of a run-time value the slice owns, for messages. */
  runtimeTypeName?(value: unknown): string | undefined;
}

export interface LibraryConversion {
  readonly from: string;
  readonly to: string;
  readonly implicit: boolean;
  /** Throws `fault(…)` (members.ts) for a value that cannot convert (an InvalidCastException in .NET). */
  convert(value: unknown): unknown;
}

export interface LibraryOperator {
  readonly op: BinaryOp | '==' | '!=';
  readonly left: string;
  readonly right: string;
  readonly returns: Type;
  apply(left: unknown, right: unknown): unknown;
}
