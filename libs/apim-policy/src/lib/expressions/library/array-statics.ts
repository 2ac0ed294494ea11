import { type Method, type Overload, type TypeMembers, fault, members, sig } from '../members';
import { BOOL, INFERRED, INT, type Type, VOID, arrayElement, arrayOf, func } from '../types';
import { valueEquals } from '../value-equality';
import { compareValues } from './linq';

/**
 * `System.Array`'s static methods (APIM allows all of them): the element type `T` is inferred from
 * the array argument, as C# infers `Array.Sort<T>(T[])`. Arrays are JS arrays (byte[] a Uint8Array).
 */

type Items = unknown[];
type Fn = (...args: unknown[]) => unknown;

/** The signatures of one method for arrays of `element`. */
type Build = (array: Type, element: Type) => readonly Overload[];

function generic(build: Build): Method {
  return {
    overloads: [],
    infer(argTypes) {
      const array = argTypes[0];
      const element = array ? arrayElement(array) : undefined;
      return array && element ? build(array, element) : undefined;
    },
  };
}

function sortInPlace(items: Items, compare: (a: unknown, b: unknown) => number): void {
  // Array.prototype.sort is stable; .NET's introsort is not, but equal keys are rare in policies.
  const sorted = [...items].sort(compare);
  sorted.forEach((item, i) => {
    items[i] = item;
  });
}

const ARRAY = members(
  {},
  {
    Sort: generic((array, element) => [
      sig<null, [Items]>([array], VOID, (_, items) => sortInPlace(items, compareValues)),
      sig<null, [Items, Fn]>([array, func(element, element, INT)], VOID, (_, items, comparison) =>
        sortInPlace(items, (a, b) => comparison(a, b) as number),
      ),
    ]),
    Reverse: generic((array) => [sig<null, [Items]>([array], VOID, (_, items) => void items.reverse())]),
    IndexOf: generic((array, element) => [
      sig<null, [Items, unknown]>(
        [array, element],
        INT,
        (_, items, value) => items.findIndex((x) => valueEquals(x, value)),
        {
          allowsNull: true,
        },
      ),
    ]),
    Exists: generic((array, element) => [
      sig<null, [Items, Fn]>([array, func(element, BOOL)], BOOL, (_, items, match) =>
        items.some((x) => match(x) === true),
      ),
    ]),
    TrueForAll: generic((array, element) => [
      sig<null, [Items, Fn]>([array, func(element, BOOL)], BOOL, (_, items, match) =>
        items.every((x) => match(x) === true),
      ),
    ]),
    Find: generic((array, element) => [
      sig<null, [Items, Fn]>([array, func(element, BOOL)], element, (_, items, match) => {
        const found = items.find((x) => match(x) === true);
        return found === undefined ? defaultOf(element) : found;
      }),
    ]),
    FindIndex: generic((array, element) => [
      sig<null, [Items, Fn]>([array, func(element, BOOL)], INT, (_, items, match) =>
        items.findIndex((x) => match(x) === true),
      ),
    ]),
    FindAll: generic((array, element) => [
      sig<null, [Items, Fn]>([array, func(element, BOOL)], array, (_, items, match) =>
        items.filter((x) => match(x) === true),
      ),
    ]),
    ConvertAll: generic((array, element) => [
      sig<null, [Items, Fn]>(
        [array, func(element, INFERRED)],
        array,
        (_, items, convert) => Array.from(items, (x) => convert(x)),
        {
          resultOf: (results) => arrayOf(results[1] ?? element),
        },
      ),
    ]),
    Copy: generic((array) => [
      sig<null, [Items, Items, number]>([array, array, INT], VOID, (_, source, target, length) => {
        if (length < 0 || length > source.length || length > target.length) {
          throw fault(`Array.Copy: length ${length} does not fit arrays of ${source.length} and ${target.length}`);
        }
        for (let i = 0; i < length; i++) target[i] = source[i];
      }),
    ]),
    Empty: {
      overloads: [],
      generic: (element: Type) => [sig<null, []>([], arrayOf(element), () => [])],
    },
  },
  { hints: { Resize: 'Array.Resize needs a ref argument, which is not supported; build a new array or a List<T>' } },
);

function defaultOf(type: Type): unknown {
  if (type.nullable) return null;
  if (type.name === 'bool') return false;
  if (['int', 'long', 'byte', 'double'].includes(type.name)) return 0;
  return null;
}

export const ARRAY_STATICS: Readonly<Record<string, TypeMembers>> = { Array: ARRAY, 'System.Array': ARRAY };
