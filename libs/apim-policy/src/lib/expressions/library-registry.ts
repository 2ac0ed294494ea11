import type { BinaryOp } from './ast';
import { registerInstanceTest } from './conversions';
import { LIBRARY_MODULES, type LibraryConversion, type LibraryOperator } from './library';
import type { Overload, TypeMembers } from './members';
import { type Type, registerValueTypes, withoutNullable } from './types';

/**
 * The merged view of every library slice (library/index.ts) the checker and evaluator consult.
 * types.ts and conversions.ts are imported by the slices themselves, so they cannot import the
 * slice list (an import cycle); this file registers the slices' value types and instance tests
 * into them once, when it is first imported (member-table.ts imports it).
 */

registerValueTypes(LIBRARY_MODULES.flatMap((module) => module.valueTypes ?? []));
registerInstanceTest(libraryIsInstanceOf);

const has = <T>(record: Readonly<Record<string, T>> | undefined, key: string): record is Record<string, T> =>
  record !== undefined && Object.prototype.hasOwnProperty.call(record, key);

export function libraryInstanceMembers(type: Type): TypeMembers | undefined {
  for (const module of LIBRARY_MODULES) {
    const found = module.instanceMembers?.(type);
    if (found) return found;
  }
  return undefined;
}

export function libraryStaticMembers(name: string): TypeMembers | undefined {
  for (const module of LIBRARY_MODULES) if (has(module.staticMembers, name)) return module.staticMembers[name];
  return undefined;
}

export function libraryConstructors(name: string): readonly Overload[] | undefined {
  for (const module of LIBRARY_MODULES) if (has(module.constructors, name)) return module.constructors[name];
  return undefined;
}

export function libraryTypeName(name: string): Type | undefined {
  for (const module of LIBRARY_MODULES) if (has(module.typeNames, name)) return module.typeNames[name];
  return undefined;
}

export function libraryElementType(type: Type): Type | undefined {
  for (const module of LIBRARY_MODULES) {
    const found = module.elementTypeOf?.(withoutNullable(type));
    if (found) return found;
  }
  return undefined;
}

/** A declared conversion from `from` to `to` (by name); `implicitOnly` leaves out the explicit ones. */
export function libraryConversion(from: Type, to: Type, implicitOnly: boolean): LibraryConversion | undefined {
  for (const module of LIBRARY_MODULES) {
    const found = module.conversions?.find(
      (c) => c.from === from.name && c.to === to.name && (c.implicit || !implicitOnly),
    );
    if (found) return found;
  }
  return undefined;
}

export function libraryOperator(op: BinaryOp | '==' | '!=', left: Type, right: Type): LibraryOperator | undefined {
  for (const module of LIBRARY_MODULES) {
    const found = module.operators?.find((o) => o.op === op && o.left === left.name && o.right === right.name);
    if (found) return found;
  }
  return undefined;
}

export function libraryIsInstanceOf(value: unknown, type: Type): boolean | undefined {
  for (const module of LIBRARY_MODULES) {
    const found = module.isInstanceOf?.(value, type);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function libraryFormat(value: unknown): string | undefined {
  for (const module of LIBRARY_MODULES) {
    const found = module.format?.(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function libraryRuntimeTypeName(value: unknown): string | undefined {
  for (const module of LIBRARY_MODULES) {
    const found = module.runtimeTypeName?.(value);
    if (found !== undefined) return found;
  }
  return undefined;
}
