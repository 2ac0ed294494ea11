import { EvaluationFault } from './expression-error';
import type { Type } from './types';

/** A readable property of a view type; `target` is never null (the evaluator checks first). */
export interface Property {
  readonly type: Type;
  get(target: unknown): unknown;
  /** For a settable property (`obj.Prop = v`, object initialisers); read-only when absent. */
  set?(target: unknown, value: unknown): void;
  /** Why the property may be null, added to the null-reference message (`no subscription key was sent`). */
  readonly whenNull?: string;
}

/**
 * One signature of a method or constructor.
 *
 * - A `Func<A…, R>` parameter (types.ts `func`) takes a lambda; `invoke` receives it as a JS function
 *   `(a…) => r`. When `R` is `INFERRED` the lambda's body decides, and `resultOf` computes the return type.
 * - `outParams`: indexes of `out` parameters (`int.TryParse(string, out int)`): the caller writes
 *   `out var x` / `out int x`; `invoke` receives a box `{ value: unknown }` there and sets `.value`.
 * - `names`: parameter names in order, for named arguments (`preserveContent: true`).
 * - `optional`: how many trailing parameters may be left out; `invoke` then receives `defaults`
 *   for them (the last `optional` entries of `defaults`, aligned to the end of `params`), or undefined.
 */
export interface Overload {
  readonly params: readonly Type[];
  readonly returns: Type;
  /** Null arguments are allowed (otherwise a null argument is C#'s ArgumentNullException). */
  readonly allowsNull: boolean;
  invoke(target: unknown, ...args: unknown[]): unknown;
  readonly outParams?: readonly number[];
  readonly names?: readonly string[];
  readonly optional?: number;
  readonly defaults?: readonly unknown[];
  /** The return type from the bound lambdas' body types (by parameter index), for `INFERRED` results. */
  resultOf?(lambdaResults: readonly (Type | undefined)[]): Type;
}

/** What an `out` argument receives. */
export interface OutBox {
  value: unknown;
}

export interface Method {
  readonly overloads: readonly Overload[];
  /** For `Name<T>(…)`: the signatures with `T` bound, or undefined when `T` is not allowed. */
  generic?(typeArg: Type): readonly Overload[] | undefined;
  /**
   * For a generic method called without `<T>` (`Array.Sort(names)`): more signatures, inferred
   * from the types of the written arguments (undefined for lambdas, `out` and named ones), as C#
   * infers `T` from them.
   */
  infer?(argTypes: readonly (Type | undefined)[]): readonly Overload[] | undefined;
}

/** `target[key]`; `targetText` is the expression text of `target`, for the missing-key message. */
export interface Indexer {
  readonly key: Type;
  readonly returns: Type;
  get(target: unknown, key: unknown, targetText: string): unknown;
  /** `target[key] = value` (JObject, Dictionary, List, arrays); read-only when absent. */
  set?(target: unknown, key: unknown, value: unknown): void;
}

/** Members of one type. `hints` explain well-known members that are deliberately missing. */
export interface TypeMembers {
  readonly properties: Readonly<Record<string, Property>>;
  readonly methods: Readonly<Record<string, Method>>;
  readonly indexer?: Indexer;
  readonly hints?: Readonly<Record<string, string>>;
}

export function prop<T>(type: Type, get: (target: T) => unknown, whenNull?: string): Property {
  return { type, get: get as (target: unknown) => unknown, whenNull };
}

export function sig<T, A extends unknown[]>(
  params: readonly Type[],
  returns: Type,
  invoke: (target: T, ...args: A) => unknown,
  options: {
    allowsNull?: boolean;
    outParams?: readonly number[];
    names?: readonly string[];
    optional?: number;
    defaults?: readonly unknown[];
    resultOf?: (lambdaResults: readonly (Type | undefined)[]) => Type;
  } = {},
): Overload {
  return {
    ...options,
    params,
    returns,
    allowsNull: options.allowsNull ?? false,
    invoke: invoke as (target: unknown, ...args: unknown[]) => unknown,
  };
}

export function method(...overloads: Overload[]): Method {
  return { overloads };
}

export function members(
  properties: Record<string, Property>,
  methods: Record<string, Method> = {},
  extra: { indexer?: Indexer; hints?: Record<string, string> } = {},
): TypeMembers {
  return { properties, methods, ...extra };
}

export function fault(message: string): EvaluationFault {
  return new EvaluationFault(message);
}
