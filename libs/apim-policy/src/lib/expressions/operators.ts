import type { BinaryOp } from './ast';
import type { BoundExpr } from './bound';
import { castFromObject, isInstanceOf } from './conversions';
import { invalid, unsupported } from './expression-error';
import { fault } from './members';
import {
  BOOL,
  DOUBLE,
  INT,
  STRING,
  type Type,
  asNullable,
  canBeNull,
  displayType,
  isAssignable,
  isNumeric,
  unify,
  withoutNullable,
} from './types';

/** Typing rules of C# operators within the subset; `text` gives the source of each operand for messages. */

type Texts = { readonly left: string; readonly right: string };

/** `if (…)`, `&&`, `||`, `!`, `?:` need a plain `bool`. */
export function requireCondition(bound: BoundExpr, text: string, where: string): void {
  const type = bound.type;
  if (type.name === 'bool' && !type.nullable) return;
  if (type.name === 'bool') {
    throw invalid(
      `${where} needs a bool but ${text} is bool? (null when ?. meets null); compare it: (${text}) == true`,
    );
  }
  if (type.name === 'object') throw invalid(`${where} needs a bool but ${text} is an object; cast it: (bool)${text}`);
  throw invalid(`${where} needs a bool but ${text} is ${displayType(type)}`);
}

export function bindBinary(op: BinaryOp, left: BoundExpr, right: BoundExpr, texts: Texts): BoundExpr {
  switch (op) {
    case '&&':
    case '||':
      requireCondition(left, texts.left, `operator ${op}`);
      requireCondition(right, texts.right, `operator ${op}`);
      return { kind: op === '&&' ? 'and' : 'or', type: BOOL, left, right };
    case '==':
    case '!=':
      if (!comparable(left.type, right.type)) throw mismatch(op, left.type, right.type);
      return { kind: 'equals', type: BOOL, negated: op === '!=', left, right };
    case '<':
    case '>':
    case '<=':
    case '>=': {
      const [a, b] = [withoutNullable(left.type), withoutNullable(right.type)];
      const ok = (isNumeric(a) && isNumeric(b)) || (a.name === b.name && (a.name === 'DateTime' || a.name === 'char'));
      if (!ok) throw mismatch(op, left.type, right.type);
      return { kind: 'compare', type: BOOL, op, left, right };
    }
    case '??': {
      if (!canBeNull(left.type)) {
        throw invalid(`the left side of ?? (${texts.left}) is ${displayType(left.type)} and is never null`);
      }
      const type = unify(withoutNullable(left.type), right.type);
      if (!type) throw mismatch(op, left.type, right.type);
      return { kind: 'coalesce', type, left, right };
    }
    case '+':
      if (left.type.name === 'string' || right.type.name === 'string') return bindConcat(left, right, texts);
      return bindArithmetic(op, left, right);
    default:
      return bindArithmetic(op, left, right);
  }
}

function comparable(a: Type, b: Type): boolean {
  if (a.name === 'object' || b.name === 'object') return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (a.name === 'null') return canBeNull(b);
  if (b.name === 'null') return canBeNull(a);
  return a.name === b.name;
}

const CONCATENABLE = new Set(['string', 'char', 'int', 'double', 'bool', 'object', 'null', 'DateTime']);

function bindConcat(left: BoundExpr, right: BoundExpr, texts: Texts): BoundExpr {
  for (const [side, text] of [
    [left, texts.left],
    [right, texts.right],
  ] as const) {
    if (CONCATENABLE.has(side.type.name)) continue;
    const hint = side.type.name === 'string[]' ? `; join its values first: string.Join(",", ${text})` : '';
    throw unsupported(`+ cannot join text with ${text} (${displayType(side.type)})${hint}`);
  }
  return { kind: 'concat', type: STRING, left, right };
}

function bindArithmetic(op: '+' | '-' | '*' | '/' | '%', left: BoundExpr, right: BoundExpr): BoundExpr {
  if (left.type.name === 'char' || right.type.name === 'char') {
    throw unsupported(`arithmetic on char is not supported`);
  }
  if (!isNumeric(left.type) || !isNumeric(right.type)) throw mismatch(op, left.type, right.type);
  const integer = left.type.name === 'int' && right.type.name === 'int';
  const base = integer ? INT : DOUBLE;
  const type = left.type.nullable || right.type.nullable ? asNullable(base) : base;
  return { kind: 'arithmetic', type, op, integer, left, right };
}

export function bindUnary(op: '!' | '-' | '+', operand: BoundExpr, text: string): BoundExpr {
  if (op === '!') {
    if (operand.type.name !== 'bool') requireCondition(operand, text, 'operator !');
    return { kind: 'not', type: operand.type, operand };
  }
  if (!isNumeric(operand.type))
    throw invalid(`operator ${op} needs a number but ${text} is ${displayType(operand.type)}`);
  return op === '-' ? { kind: 'negate', type: operand.type, operand } : operand;
}

/** `(T)x`: C# explicit conversions within the subset. */
export function bindCast(to: Type, operand: BoundExpr, text: string): BoundExpr {
  const from = operand.type;
  const make = (convert: (value: unknown) => unknown): BoundExpr => ({ kind: 'convert', type: to, operand, convert });
  const notNull = (value: unknown) => {
    if (value === null && !canBeNull(to)) throw fault(`${text} is null and cannot be converted to ${displayType(to)}`);
    return value;
  };
  if (to.name === 'object') return make((value) => value);
  if (from.name === 'object') return make((value) => castFromObject(value, to, text));
  if (from.name === 'null') {
    if (!canBeNull(to)) throw invalid(`null cannot be converted to ${displayType(to)}`);
    return make(() => null);
  }
  if (isNumeric(from) && isNumeric(to)) {
    const truncate = to.name === 'int' && from.name === 'double';
    return make((value) => {
      const checked = notNull(value);
      return truncate && typeof checked === 'number' ? Math.trunc(checked) : checked;
    });
  }
  if (from.name === 'char' && to.name === 'int') return make((value) => (notNull(value) as string).charCodeAt(0));
  if (from.name === 'int' && to.name === 'char') return make((value) => String.fromCharCode(notNull(value) as number));
  if (from.name === to.name) return make(notNull);
  throw invalid(`cannot convert ${text} (${displayType(from)}) to ${displayType(to)}`);
}

/** `x as T`: null instead of a failed cast. */
export function bindAs(to: Type, operand: BoundExpr, text: string): BoundExpr {
  if (!canBeNull(to)) throw invalid(`"as ${displayType(to)}" needs a type that can be null (use ${displayType(to)}?)`);
  const from = operand.type;
  if (from.name === 'object') {
    return { kind: 'convert', type: to, operand, convert: (value) => (isInstanceOf(value, to) ? value : null) };
  }
  if (!isAssignable(from, to)) throw invalid(`cannot convert ${text} (${displayType(from)}) to ${displayType(to)}`);
  return { kind: 'convert', type: to, operand, convert: (value) => value };
}

function mismatch(op: string, left: Type, right: Type) {
  return invalid(`operator ${op} cannot be applied to ${displayType(left)} and ${displayType(right)}`);
}
