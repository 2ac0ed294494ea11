import { anonymousType } from './anonymous-object';
import type { Expr } from './ast';
import type { BoundExpr } from './bound';
import { bindArguments } from './call-binder';
import type { Checker } from './checker';
import { defaultOf } from './conversions';
import { EXCEPTION, EXCEPTION_CONSTRUCTORS } from './exception-value';
import { invalid, unsupported } from './expression-error';
import { collectionConstructors, formatAnonymous } from './library/collections';
import { setAndTupleConstructors } from './library/sets-and-tuples';
import { libraryConstructors } from './library-registry';
import type { Overload } from './members';
import type { Scope } from './scope';
import { resolveType } from './type-syntax';
import { INT, type Type, arrayOf, displayType, unify } from './types';

/** `new T(…)`, object / collection / index initialisers, arrays and anonymous objects. */

export function checkNew(checker: Checker, e: Extract<Expr, { kind: 'new' }>, scope: Scope): BoundExpr {
  const written = checker.text(e.type);
  const type = resolveType(e.type, written);
  const overloads: readonly Overload[] | undefined =
    collectionConstructors(type) ??
    setAndTupleConstructors(type) ??
    (type.name === EXCEPTION.name ? EXCEPTION_CONSTRUCTORS : undefined) ??
    libraryConstructors(type.name) ??
    libraryConstructors(written);
  if (!overloads || overloads.length === 0) {
    throw unsupported(
      `new ${written}(…) is not supported; objects can be created of List<T>, Dictionary<K, V>, arrays, anonymous ` +
        'objects (new { a = 1 }) and the library types with constructors (JObject, JArray, JProperty, XElement …)',
    );
  }
  const name = `new ${displayType(type)}`;
  const call = bindArguments(checker, name, overloads, e.args ?? [], scope);
  const create: BoundExpr = {
    kind: 'call',
    type: call.type,
    target: undefined,
    overload: call.overload,
    args: call.args,
    name,
    conditional: false,
    targetText: name,
  };
  if (!e.init) return create;
  const slot = checker.newSlot();
  const object: BoundExpr = { kind: 'local', type: call.type, slot };
  const steps =
    e.init.kind === 'object' ? objectSteps(checker, e, object, scope) : collectionSteps(checker, e, object, scope);
  return { kind: 'construct', type: call.type, create, slot, steps };
}

/** `{ Prop = v, ["key"] = v }`: property setters and indexer setters on the new object. */
function objectSteps(
  checker: Checker,
  e: Extract<Expr, { kind: 'new' }>,
  object: BoundExpr,
  scope: Scope,
): BoundExpr[] {
  const init = e.init as Extract<NonNullable<typeof e.init>, { kind: 'object' }>;
  const typeText = checker.text(e.type);
  return init.entries.map((entry) => {
    if (entry.kind === 'index') {
      const { indexer, key } = checker.indexKey(object, entry.args, typeText, scope);
      if (!indexer.set) throw unsupported(`${typeText}[…] is read-only; it cannot be set in an initialiser`);
      const value = checker.coerce(entry.value, indexer.returns, scope, `${typeText}[…]`);
      return {
        kind: 'assign',
        type: indexer.returns,
        target: { kind: 'index', target: object, key, indexer, targetText: typeText },
        value,
        currentSlot: undefined,
        returnsOld: false,
      };
    }
    const members = checker.membersOf(object.type, typeText);
    const property = members.properties[entry.name];
    if (!property) throw checker.missingMember(members, entry.name, typeText, `${typeText}.${entry.name}`, false);
    if (!property.set) throw unsupported(`${typeText}.${entry.name} is read-only; it cannot be set in an initialiser`);
    const value = checker.coerce(entry.value, property.type, scope, `${typeText}.${entry.name}`);
    return {
      kind: 'assign',
      type: property.type,
      target: { kind: 'property', target: object, property, name: entry.name, targetText: typeText },
      value,
      currentSlot: undefined,
      returnsOld: false,
    };
  });
}

/** `{ a, { k, v } }`: one `Add(…)` call per item, as C# rewrites a collection initialiser. */
function collectionSteps(
  checker: Checker,
  e: Extract<Expr, { kind: 'new' }>,
  object: BoundExpr,
  scope: Scope,
): BoundExpr[] {
  const init = e.init as Extract<NonNullable<typeof e.init>, { kind: 'collection' }>;
  const typeText = checker.text(e.type);
  const add = checker.membersOf(object.type, typeText).methods.Add;
  if (!add) throw invalid(`${typeText} has no Add method, so it cannot take a collection initialiser { … }`);
  return init.items.map((args) => {
    const call = bindArguments(checker, `${typeText}.Add`, add.overloads, args, scope);
    return {
      kind: 'call',
      type: call.type,
      target: object,
      overload: call.overload,
      args: call.args,
      name: 'Add',
      conditional: false,
      targetText: typeText,
    };
  });
}

export function checkNewArray(checker: Checker, e: Extract<Expr, { kind: 'newArray' }>, scope: Scope): BoundExpr {
  let element: Type | undefined = e.element ? resolveType(e.element, checker.text(e.element)) : undefined;
  if (!element) {
    const bound = (e.items ?? []).map((item) => checker.expr(item, scope));
    element = bound.reduce<Type | undefined>((acc, item) => (acc ? unify(acc, item.type) : item.type), undefined);
    if (!element || element.name === 'null' || element.name === 'void') {
      throw invalid('new[] { … } needs items with one common type; write the type: new string[] { … }');
    }
  }
  const type = arrayOf(element);
  const bytes = element.name === 'byte';
  const items = e.items?.map((item) => checker.coerce(item, element as Type, scope, `an item of ${displayType(type)}`));
  if (e.size) {
    const size = checker.coerce(e.size, INT, scope, 'the array length');
    if (items) {
      if (size.kind !== 'constant' || size.value !== items.length) {
        throw invalid(
          `new ${displayType(element)}[${checker.text(e.size)}] { … } needs a constant length equal to its ${items.length} item(s)`,
        );
      }
      return { kind: 'array', type, items, bytes };
    }
    return { kind: 'arrayOfSize', type, size, fill: defaultOf(element), bytes };
  }
  return { kind: 'array', type, items: items ?? [], bytes };
}

export function checkAnonymous(checker: Checker, e: Extract<Expr, { kind: 'anonymous' }>, scope: Scope): BoundExpr {
  const names = e.entries.map((entry) => entry.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw invalid(`the anonymous object has two members named ${duplicate}`);
  const values = e.entries.map((entry) => {
    const value = checker.expr(entry.value, scope);
    if (value.type.name === 'null' || value.type.name === 'void') {
      throw invalid(`${entry.name} = ${checker.text(entry.value)} has no type; cast it, e.g. (string)null`);
    }
    return value;
  });
  const type = anonymousType(
    names,
    values.map((v) => v.type),
    formatAnonymous,
  );
  return { kind: 'anonymous', type, names, values };
}
