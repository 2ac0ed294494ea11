import { type Overload, type TypeMembers, fault, members, method, prop, sig } from './members';
import { BOOL, CHAR, OBJECT, STRING, STRING_ARRAY, type Type, enumerableOf, named } from './types';
import { LIBRARY_MODULES } from './library';
import { DateTimeStatics } from './library/system-datetime';
import { formatComposite } from './library/system-format';
import { withStringStaticExtras } from './library/system-strings';
import { formatValue, useLibraryFormatting } from './value-format';

// Library values (Guid, Uri, byte[] …) print through their slice's `format`; see value-format.ts.
useLibraryFormatting(LIBRARY_MODULES);

const OBJECT_ARRAY = named('object[]');

/** Static members reachable by type name: `string.IsNullOrEmpty(…)`, `DateTime.UtcNow`, `StringComparison.Ordinal`. */

const COMPARISON = named('StringComparison');

const StringStatics = members(
  { Empty: prop(STRING, () => '') },
  {
    IsNullOrEmpty: method(
      sig<null, [string | null]>([STRING], BOOL, (_, s) => s === null || s === '', { allowsNull: true }),
    ),
    IsNullOrWhiteSpace: method(
      sig<null, [string | null]>([STRING], BOOL, (_, s) => s === null || s.trim() === '', { allowsNull: true }),
    ),
    Join: method(
      sig<null, [string | null, readonly (string | null)[]]>(
        [STRING, STRING_ARRAY],
        STRING,
        (_, sep, values) => join(sep, values),
        {
          allowsNull: true,
        },
      ),
      sig<null, [string, readonly (string | null)[]]>(
        [CHAR, STRING_ARRAY],
        STRING,
        (_, sep, values) => join(sep, values),
        {
          allowsNull: true,
        },
      ),
      // Join(string, IEnumerable<string>): List<string>, LINQ results (added by the language-core helper).
      sig<null, [string | null, Iterable<string | null>]>(
        [STRING, enumerableOf(STRING)],
        STRING,
        (_, sep, values) => join(sep, values === null ? null : [...values]),
        { allowsNull: true },
      ),
    ),
    Equals: method(
      sig<null, [string | null, string | null]>([STRING, STRING], BOOL, (_, a, b) => a === b, { allowsNull: true }),
    ),
    Format: method(...formatOverloads()),
    Concat: method(
      sig<null, [string | null, string | null]>([STRING, STRING], STRING, (_, a, b) => (a ?? '') + (b ?? ''), {
        allowsNull: true,
      }),
    ),
  },
);

/**
 * `string.Format(format, arg0 … arg7)` and `string.Format(format, object[])`: C#'s `params` form
 * is spelled out up to eight arguments.
 */
function formatOverloads(): Overload[] {
  const format = (text: string | null, args: readonly unknown[]) => {
    if (text === null) throw fault('string.Format: the format is null (ArgumentNullException)');
    return formatComposite(text, args);
  };
  const spelled = [1, 2, 3, 4, 5, 6, 7, 8].map((arity) =>
    sig<null, unknown[]>(
      [STRING, ...(Array(arity).fill(OBJECT) as Type[])],
      STRING,
      (_, f, ...args) => format(f as string | null, args),
      { allowsNull: true },
    ),
  );
  const array = sig<null, [string | null, readonly unknown[] | null]>(
    [STRING, OBJECT_ARRAY],
    STRING,
    (_, f, args) => {
      if (args === null) throw fault('string.Format: the argument array is null (ArgumentNullException)');
      return format(f, args);
    },
    { allowsNull: true },
  );
  return [...spelled, array];
}

function join(separator: string | null, values: readonly (string | null)[] | null): string {
  if (values === null) throw fault('string.Join: the values are null');
  return values.map((value) => (value === null ? '' : formatValue(value))).join(separator ?? '');
}

const comparison = (name: string) => prop(COMPARISON, () => name);

const StringComparison = members({
  Ordinal: comparison('Ordinal'),
  OrdinalIgnoreCase: comparison('OrdinalIgnoreCase'),
  InvariantCulture: comparison('InvariantCulture'),
  InvariantCultureIgnoreCase: comparison('InvariantCultureIgnoreCase'),
  CurrentCulture: comparison('CurrentCulture'),
  CurrentCultureIgnoreCase: comparison('CurrentCultureIgnoreCase'),
});

/** Keyed by the name as written (`string` and `String` are the same type). */
const AllStringStatics = withStringStaticExtras(StringStatics);

export const STATIC_MEMBERS: Readonly<Record<string, TypeMembers>> = {
  string: AllStringStatics,
  String: AllStringStatics,
  'System.String': AllStringStatics,
  DateTime: DateTimeStatics,
  'System.DateTime': DateTimeStatics,
  StringComparison,
  'System.StringComparison': StringComparison,
};
