import type { BinaryOp, Expr } from './ast';
import type { BoundExpr, BoundTarget } from './bound';
import type { Checker } from './checker';
import { invalid, unsupported } from './expression-error';
import { bindBinary, bindCast } from './operators';
import type { Scope } from './scope';
import { INT, type Type, displayType, isNumeric, withoutNullable } from './types';
import { implicitConversion } from './assignability';

/** Assignment (`=`, `+=`, `??=` …) and `++`/`--` on variables, settable properties and indexers. */

export function bindAssignment(checker: Checker, e: Extract<Expr, { kind: 'assign' }>, scope: Scope): BoundExpr {
  const { target, type } = bindTarget(checker, e.target, scope);
  const what = checker.text(e.target);
  if (e.op === '=') {
    const value = checker.coerce(e.value, type, scope, what);
    // Assigned from here on (the value may not read it: `int n; n = n + 1;` is refused by C#).
    if (target.kind === 'local') checker.unassigned.delete(target.slot);
    return { kind: 'assign', type, target, value, currentSlot: undefined, returnsOld: false };
  }
  if (target.kind === 'local') checker.requireAssigned(target.slot, what);
  const currentSlot = checker.newSlot();
  const current: BoundExpr = { kind: 'local', type, slot: currentSlot };
  const op = e.op.slice(0, -1) as BinaryOp;
  const combined = bindBinary(op, current, checker.expr(e.value, scope), { left: what, right: checker.text(e.value) });
  const value = narrow(combined, type, what, checker.text(e));
  return { kind: 'assign', type, target, value, currentSlot, returnsOld: false };
}

export function bindIncrement(checker: Checker, e: Extract<Expr, { kind: 'increment' }>, scope: Scope): BoundExpr {
  const { target, type } = bindTarget(checker, e.target, scope);
  const what = checker.text(e.target);
  if (target.kind === 'local') checker.requireAssigned(target.slot, what);
  const plain = withoutNullable(type);
  if (!isNumeric(plain) && plain.name !== 'char') {
    throw invalid(`${e.op} needs a number but ${what} is ${displayType(type)}`);
  }
  const currentSlot = checker.newSlot();
  const current: BoundExpr = { kind: 'local', type, slot: currentSlot };
  const operand: BoundExpr = plain.name === 'char' ? bindCast(INT, current, what) : current;
  const one: BoundExpr = { kind: 'constant', type: INT, value: 1 };
  const combined = bindBinary(e.op === '++' ? '+' : '-', operand, one, { left: what, right: '1' });
  const value = narrow(combined, type, what, checker.text(e));
  return { kind: 'assign', type, target, value, currentSlot, returnsOld: !e.prefix };
}

/** C# compound assignment converts the result back to the target's type (`b += 1` on a byte wraps). */
function narrow(value: BoundExpr, type: Type, what: string, written: string): BoundExpr {
  const conversion = implicitConversion(value.type, type);
  if (conversion === 'identity') return value;
  if (conversion) return { kind: 'convert', type, operand: value, convert: conversion };
  const [from, to] = [withoutNullable(value.type), withoutNullable(type)];
  if ((isNumeric(from) || from.name === 'char') && (isNumeric(to) || to.name === 'char')) {
    return bindCast(type, value, what);
  }
  throw invalid(
    `${written}: the result (${displayType(value.type)}) cannot be stored in ${what} (${displayType(type)})`,
  );
}

function bindTarget(checker: Checker, e: Expr, scope: Scope): { target: BoundTarget; type: Type } {
  const written = checker.text(e);
  switch (e.kind) {
    case 'name': {
      const local = scope.lookup(e.name);
      if (!local) {
        if (e.name === 'context') throw invalid('context cannot be assigned');
        throw invalid(`"${e.name}" is not defined; declare it first: var ${e.name} = …;`);
      }
      if (local.readonly) {
        const what = local.readonly === 'const' ? 'a constant' : 'the foreach variable';
        throw invalid(`${e.name} is ${what} and cannot be assigned`);
      }
      return { target: { kind: 'local', slot: local.slot }, type: local.type };
    }
    case 'index': {
      if (e.conditional) throw invalid(`${written}: ?[ ] cannot be assigned to`);
      const targetText = checker.text(e.target);
      const object = checker.expr(e.target, scope);
      const { indexer, key } = checker.indexKey(object, e.args, targetText, scope);
      if (!indexer.set) {
        const hint = object.type.name === 'Variables' ? '; set variables with the set-variable policy' : '';
        throw unsupported(`${targetText}[…] is read-only (${displayType(object.type)})${hint}`);
      }
      return { target: { kind: 'index', target: object, key, indexer, targetText }, type: indexer.returns };
    }
    case 'member': {
      if (e.conditional) throw invalid(`${written}: ?. cannot be assigned to`);
      const targetText = checker.text(e.target);
      const object = checker.expr(e.target, scope);
      const members = checker.membersOf(object.type, targetText);
      const property = members.properties[e.name];
      if (!property) throw checker.missingMember(members, e.name, targetText, written, false);
      if (!property.set) throw unsupported(`${written} is read-only`);
      return {
        target: { kind: 'property', target: object, property, name: e.name, targetText },
        type: property.type,
      };
    }
    default:
      throw invalid(`${written} cannot be assigned to; assign a variable, a property or an indexer`);
  }
}
