import type { BinaryOp } from './ast';
import { implicitConversion } from './assignability';
import type { BoundExpr } from './bound';
import { castFromObject, isInstanceOf } from './conversions';
import { invalid, unsupported } from './expression-error';
import { libraryConversion, libraryOperator } from './library-registry';
import { fault } from './members';
import {
  BOOL,
  INT,
  STRING,
  type Type,
  asNullable,
  canBeNull,
  displayType,
  isIntegral,
  isNumeric,
  isValueType,
  promoted,
  unify,
  withoutNullable,
} from './types';

/** Typing rules of C# operators; `text` gives the source of each operand for messages. */

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

export function bindBinary(op: BinaryOp, leftOperand: BoundExpr, rightOperand: BoundExpr, texts: Texts): BoundExpr {
  let [left, right] = [leftOperand, rightOperand];
  const library = libraryOperator(op, withoutNullable(left.type), withoutNullable(right.type));
  if (library) {
    const nullable = left.type.nullable || right.type.nullable;
    return {
      kind: 'operator',
      type: nullable ? asNullable(library.returns) : library.returns,
      apply: library.apply,
      left,
      right,
    };
  }
  switch (op) {
    case '&&':
    case '||':
      requireCondition(left, texts.left, `operator ${op}`);
      requireCondition(right, texts.right, `operator ${op}`);
      return { kind: op === '&&' ? 'and' : 'or', type: BOOL, left, right };
    case '==':
    case '!=': {
      [left, right] = charsAgainstNumbers(left, right);
      if (!comparable(left.type, right.type)) throw mismatch(op, left.type, right.type);
      return { kind: 'equals', type: BOOL, negated: op === '!=', left, right };
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      [left, right] = charsAgainstNumbers(left, right);
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
    case '&':
    case '|':
    case '^':
      if (withoutNullable(left.type).name === 'bool' && withoutNullable(right.type).name === 'bool') {
        const type = left.type.nullable || right.type.nullable ? asNullable(BOOL) : BOOL;
        return { kind: 'arithmetic', type, op, numeric: 'bool', left, right };
      }
      return bindInteger(op, left, right);
    case '<<':
    case '>>':
      return bindShift(op, left, right);
    default:
      return bindArithmetic(op, left, right);
  }
}

function comparable(a: Type, b: Type): boolean {
  if (a.name === 'object' || b.name === 'object') return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (a.name === 'null') return canBeNull(b);
  if (b.name === 'null') return canBeNull(a);
  if (a.name === b.name) return true;
  return implicitConversion(a, b) === 'identity' || implicitConversion(b, a) === 'identity';
}

const NOT_CONCATENABLE = new Set(['string[]', 'void']);

function bindConcat(left: BoundExpr, right: BoundExpr, texts: Texts): BoundExpr {
  for (const [side, text] of [
    [left, texts.left],
    [right, texts.right],
  ] as const) {
    if (!NOT_CONCATENABLE.has(side.type.name)) continue;
    const hint = side.type.name === 'string[]' ? `; join its values first: string.Join(",", ${text})` : '';
    throw unsupported(`+ cannot join text with ${text} (${displayType(side.type)})${hint}`);
  }
  return { kind: 'concat', type: STRING, left, right };
}

/** `+ - * / %` on numbers: both sides promoted to the wider of `int`, `long`, `double`. */
function bindArithmetic(op: '+' | '-' | '*' | '/' | '%', rawLeft: BoundExpr, rawRight: BoundExpr): BoundExpr {
  const [left, right] = [charAsInt(rawLeft), charAsInt(rawRight)];
  const [a, b] = [numericOperand(left.type), numericOperand(right.type)];
  if (!a || !b) throw mismatch(op, left.type, right.type);
  const base = promoted(a, b);
  const type = left.type.nullable || right.type.nullable ? asNullable(base) : base;
  return { kind: 'arithmetic', type, op, numeric: base.name as 'int' | 'long' | 'double', left, right };
}

function numericOperand(type: Type): Type | undefined {
  const plain = withoutNullable(type);
  return isNumeric(plain) ? plain : undefined;
}

/** `c == 65`, `c > 64`: a char compared with a number is compared as its code (C# promotes it to int). */
function charsAgainstNumbers(left: BoundExpr, right: BoundExpr): [BoundExpr, BoundExpr] {
  const isChar = (e: BoundExpr) => withoutNullable(e.type).name === 'char';
  const isNumber = (e: BoundExpr) => isNumeric(withoutNullable(e.type));
  if (isChar(left) && isNumber(right)) return [charAsInt(left), right];
  if (isNumber(left) && isChar(right)) return [left, charAsInt(right)];
  return [left, right];
}

/** C# promotes a `char` to `int` in arithmetic: `'a' + 1` is 98, `c - '0'` a digit's value. */
function charAsInt(operand: BoundExpr): BoundExpr {
  if (withoutNullable(operand.type).name !== 'char') return operand;
  return bindCast(operand.type.nullable ? asNullable(INT) : INT, operand, 'a char');
}

function bindInteger(op: '&' | '|' | '^', left: BoundExpr, right: BoundExpr): BoundExpr {
  const [a, b] = [withoutNullable(left.type), withoutNullable(right.type)];
  if (!isIntegral(a) || !isIntegral(b)) throw mismatch(op, left.type, right.type);
  const base = promoted(a, b);
  const type = left.type.nullable || right.type.nullable ? asNullable(base) : base;
  return { kind: 'arithmetic', type, op, numeric: base.name as 'int' | 'long', left, right };
}

/** `<<` `>>`: the left side decides the type (int or long); the count is an int. */
function bindShift(op: '<<' | '>>', left: BoundExpr, right: BoundExpr): BoundExpr {
  const [a, b] = [withoutNullable(left.type), withoutNullable(right.type)];
  if (!isIntegral(a) || !isIntegral(b) || b.name === 'long') throw mismatch(op, left.type, right.type);
  const base = promoted(a, a);
  const type = left.type.nullable || right.type.nullable ? asNullable(base) : base;
  return { kind: 'arithmetic', type, op, numeric: base.name as 'int' | 'long', left, right };
}

export function bindUnary(op: '!' | '-' | '+' | '~', operand: BoundExpr, text: string): BoundExpr {
  if (op === '!') {
    if (operand.type.name !== 'bool') requireCondition(operand, text, 'operator !');
    return { kind: 'not', type: operand.type, operand };
  }
  const plain = withoutNullable(operand.type);
  if (op === '~') {
    if (!isIntegral(plain)) throw invalid(`operator ~ needs an integer but ${text} is ${displayType(operand.type)}`);
    const base = promoted(plain, plain);
    const type = operand.type.nullable ? asNullable(base) : base;
    const zero: BoundExpr = { kind: 'constant', type: base, value: 0 };
    return { kind: 'arithmetic', type, op: '~', numeric: base.name as 'int' | 'long', left: operand, right: zero };
  }
  if (!isNumeric(plain)) throw invalid(`operator ${op} needs a number but ${text} is ${displayType(operand.type)}`);
  const base = promoted(plain, plain);
  const type = operand.type.nullable ? asNullable(base) : base;
  return op === '-' ? { kind: 'negate', type, operand } : operand;
}

/** `(T)x`: C# explicit conversions. */
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
  const [plainFrom, plainTo] = [withoutNullable(from), withoutNullable(to)];
  const numericFrom = isNumeric(plainFrom) || plainFrom.name === 'char';
  const numericTo = isNumeric(plainTo) || plainTo.name === 'char';
  if (numericFrom && numericTo && !(plainFrom.name === 'char' && plainTo.name === 'char')) {
    const convert = numericConversion(plainFrom.name, plainTo.name);
    return make((value) => {
      const checked = notNull(value);
      return checked === null ? null : convert(checked);
    });
  }
  const implicit = implicitConversion(from, to);
  if (implicit) return implicit === 'identity' ? make(notNull) : make((value) => implicit(notNull(value)));
  const library = libraryConversion(plainFrom, plainTo, false);
  if (library) return make((value) => (notNull(value) === null ? null : library.convert(value)));
  if (plainFrom.name === plainTo.name) return make(notNull);
  if (!isValueType(plainFrom) && !isValueType(plainTo) && related(plainFrom, plainTo)) {
    // A downcast between library types (`(JObject)token`): checked at run time.
    return make((value) => castFromObject(value, to, text));
  }
  throw invalid(`cannot convert ${text} (${displayType(from)}) to ${displayType(to)}`);
}

/** Whether `to` converts to `from` (so `from` → `to` is a downcast). */
function related(from: Type, to: Type): boolean {
  return implicitConversion(to, from) !== undefined;
}

/** Explicit numeric conversions (C# `unchecked`): doubles truncate, integers wrap to the target's size. */
function numericConversion(from: string, to: string): (value: unknown) => unknown {
  const toNumber = (value: unknown): number => (from === 'char' ? (value as string).charCodeAt(0) : (value as number));
  switch (to) {
    case 'double':
      return toNumber;
    case 'long':
      return (value) => Math.trunc(toNumber(value));
    case 'int':
      return (value) => {
        const n = Math.trunc(toNumber(value));
        return Number.isFinite(n) ? Number(BigInt.asIntN(32, BigInt(n))) : n | 0;
      };
    case 'byte':
      return (value) => {
        const n = Math.trunc(toNumber(value));
        return Number.isFinite(n) ? ((n % 256) + 256) % 256 : 0;
      };
    case 'char':
      return (value) => String.fromCharCode(((Math.trunc(toNumber(value)) % 65536) + 65536) % 65536);
    default:
      return (value) => value;
  }
}

/** `x as T`: null instead of a failed cast. */
export function bindAs(to: Type, operand: BoundExpr, text: string): BoundExpr {
  if (!canBeNull(to)) throw invalid(`"as ${displayType(to)}" needs a type that can be null (use ${displayType(to)}?)`);
  const from = operand.type;
  const test = (value: unknown) => (isInstanceOf(value, withoutNullable(to)) ? value : null);
  if (from.name === 'object') return { kind: 'convert', type: to, operand, convert: test };
  const implicit = implicitConversion(from, to);
  if (implicit === 'identity') return { kind: 'convert', type: to, operand, convert: (value) => value };
  if (!isValueType(from) && related(withoutNullable(from), withoutNullable(to))) {
    return { kind: 'convert', type: to, operand, convert: test };
  }
  throw invalid(`cannot convert ${text} (${displayType(from)}) to ${displayType(to)}`);
}

function mismatch(op: string, left: Type, right: Type) {
  return invalid(`operator ${op} cannot be applied to ${displayType(left)} and ${displayType(right)}`);
}
