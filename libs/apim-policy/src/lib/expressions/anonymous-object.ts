import { type Property, type TypeMembers, members, method, prop, sig } from './members';
import { BOOL, STRING, type Type, displayType } from './types';
import { valueEquals } from './value-equality';

/**
 * The run-time value of `new { a = 1, b = "x" }`: read-only properties in the written order.
 * JSON/serialisation helpers read `names` and `values` (JObject.FromObject, JsonConvert).
 * `ToString()` is C#'s `{ a = 1, b = x }`; `Equals` compares the values, like C#'s anonymous types.
 */
export class AnonymousObject {
  constructor(
    readonly names: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  get(name: string): unknown {
    const at = this.names.indexOf(name);
    return at < 0 ? undefined : this.values[at];
  }
}

/** Type names start with `<anonymous` so they never collide with a written type. */
export const ANONYMOUS_PREFIX = '<anonymous';

const registry = new Map<string, TypeMembers>();

/**
 * The static type of an anonymous object with these members; the same names and types give the
 * same type (as C# unifies them within an assembly). `format` is the value's `ToString()`.
 */
export function anonymousType(
  names: readonly string[],
  types: readonly Type[],
  format: (value: AnonymousObject) => string,
): Type {
  const name = `${ANONYMOUS_PREFIX} { ${names.map((n, i) => `${displayType(types[i])} ${n}`).join(', ')} }>`;
  if (!registry.has(name)) {
    const properties: Record<string, Property> = {};
    names.forEach((member, i) => {
      properties[member] = prop<AnonymousObject>(types[i], (o) => o.values[i]);
    });
    registry.set(
      name,
      members(properties, {
        ToString: method(sig<AnonymousObject, []>([], STRING, (o) => format(o))),
        Equals: method(
          sig<AnonymousObject, [unknown]>([{ name: 'object' }], BOOL, (o, other) => sameValues(o, other), {
            allowsNull: true,
          }),
        ),
      }),
    );
  }
  return { name };
}

export function anonymousMembers(type: Type): TypeMembers | undefined {
  return type.name.startsWith(ANONYMOUS_PREFIX) ? registry.get(type.name) : undefined;
}

function sameValues(a: AnonymousObject, b: unknown): boolean {
  if (!(b instanceof AnonymousObject) || a.names.join() !== b.names.join()) return false;
  return a.values.every((value, i) => valueEquals(value, b.values[i]));
}
