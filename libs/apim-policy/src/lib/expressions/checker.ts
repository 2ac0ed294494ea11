import type { Expr, Program } from './ast';
import { implicitConversion } from './assignability';
import type { BoundExpr, BoundProgram } from './bound';
import { bindArguments } from './call-binder';
import { defaultOf } from './conversions';
import { checkAnonymous, checkNew, checkNewArray } from './creation-checker';
import { invalid, unsupported } from './expression-error';
import { bindAssignment, bindIncrement } from './assignment-checker';
import { bindInterpolation } from './interpolation-checker';
import { bindIs } from './pattern-checker';
import { bindLambda } from './lambda-binder';
import { describeMembers, membersOf, staticMembersOf } from './member-table';
import type { Method, Overload, TypeMembers } from './members';
import { bindAs, bindBinary, bindCast, bindUnary, requireCondition } from './operators';
import { Scope } from './scope';
import { checkBlockProgram } from './statement-checker';
import { resolveType } from './type-syntax';
import {
  BOOL,
  CHAR,
  DOUBLE,
  INFERRED,
  INT,
  LONG,
  NULL,
  STRING,
  type Type,
  asNullable,
  displayType,
  isNumeric,
  isValueType,
  named,
  unify,
  withoutNullable,
} from './types';

const CONTEXT_TYPE = named('Context');
const LITERAL_TYPES: Readonly<Record<string, Type>> = {
  string: STRING,
  char: CHAR,
  int: INT,
  long: LONG,
  double: DOUBLE,
  bool: BOOL,
  null: NULL,
};

/** A method named without a call (`char.IsDigit`), to become a delegate. */
export interface MethodGroup {
  readonly target: BoundExpr | undefined;
  readonly method: Method;
  readonly name: string;
  readonly targetText: string;
}

/** Where a `return` in the current body goes: the program (any type) or a lambda (its result type). */
export interface ReturnTarget {
  /** The declared result type, or undefined when the body decides (program, inferred lambda). */
  readonly expected: Type | undefined;
  readonly seen: Type[];
  /** Inside a `finally` block, where C# forbids `return`. */
  inFinally?: boolean;
}

/** A loop or switch a `break` (and, for loops, `continue`) may leave. */
export interface BreakTarget {
  readonly kind: 'loop' | 'switch';
  broken: boolean;
  continued: boolean;
}

/**
 * Type-checks a parsed expression against the static type table and resolves every member, so
 * nothing unknown survives to run time. Throws ExpressionProblem.
 */
export function checkProgram(program: Program, source: string): BoundProgram {
  const checker = new Checker(source);
  if (program.kind === 'expression') {
    const body = checker.expr(program.body, new Scope());
    if (body.type.name === 'void') throw invalid('the expression has no value');
    return { kind: 'expression', body, slots: checker.slotCount };
  }
  const body = checkBlockProgram(checker, program.body, new Scope());
  return { kind: 'block', body, slots: checker.slotCount };
}

export class Checker {
  slotCount = 0;
  readonly returns: ReturnTarget[] = [{ expected: undefined, seen: [] }];
  breaks: BreakTarget[] = [];
  /**
   * Locals declared without a value (`int n;`) and not assigned yet in source order. Reading one is
   * C#'s "use of unassigned local variable": no assignment before it in the text means none on any
   * path. (Assignments on only some paths are not tracked: such a read gets the default value.)
   */
  readonly unassigned = new Set<number>();

  requireAssigned(slot: number, name: string): void {
    if (this.unassigned.has(slot)) {
      throw invalid(`use of unassigned local variable ${name}; give it a value first (C# CS0165)`);
    }
  }

  /** Slots of the exceptions of the catch blocks being checked, innermost last (for `throw;`). */
  readonly catches: number[] = [];

  constructor(readonly source: string) {}

  newSlot(): number {
    return this.slotCount++;
  }

  /** Declares a new local in `scope`, refusing a name already visible (C# forbids shadowing locals). */
  declareLocal(name: string, type: Type, scope: Scope, readonly?: 'foreach' | 'const'): number {
    if (name === 'context' || scope.lookup(name)) throw invalid(`"${name}" is already declared; pick another name`);
    if (scope.isDeclaredBelow(name)) {
      throw invalid(
        `"${name}" is already declared in a nested block above; C# gives a local its whole block, pick another name`,
      );
    }
    const slot = this.newSlot();
    scope.declare(name, { slot, type, readonly });
    return slot;
  }

  text(node: { readonly start: number; readonly end: number }): string {
    return this.source.slice(node.start, node.end);
  }

  /**
   * Binds `e` and converts it to `to` the way C# assigns: implicit conversions only (a constant
   * `int` fits a `byte` or `long`). `what` names the destination in the message.
   */
  coerce(e: Expr, to: Type, scope: Scope, what: string): BoundExpr {
    const bound = this.expr(e, scope, to);
    return this.convertBound(bound, to, this.text(e), what);
  }

  convertBound(bound: BoundExpr, to: Type, text: string, what: string): BoundExpr {
    if (bound.kind === 'constant' && bound.type.name === 'int' && typeof bound.value === 'number') {
      const plain = withoutNullable(to);
      if (plain.name === 'byte' && bound.value >= 0 && bound.value <= 255) return { ...bound, type: to };
      if (plain.name === 'long') return { ...bound, type: to };
    }
    if (bound.kind === 'lambda') return bound;
    const conversion = implicitConversion(bound.type, to);
    if (conversion === 'identity') return bound;
    if (conversion) return { kind: 'convert', type: to, operand: bound, convert: conversion };
    const hint =
      bound.type.name === 'object' || (isNumeric(bound.type) && isNumeric(to))
        ? `; cast it: (${displayType(to)})${text}`
        : '';
    throw invalid(`cannot assign ${text} (${displayType(bound.type)}) to ${what}${hint}`);
  }

  // ---- expressions ----

  /** `expected` is the type the surroundings want (a lambda's delegate type, an array's element type). */
  expr(e: Expr, scope: Scope, expected?: Type): BoundExpr {
    switch (e.kind) {
      case 'literal':
        return { kind: 'constant', type: LITERAL_TYPES[e.type], value: e.value };
      case 'name':
        return this.name(e, scope);
      case 'typeName':
        throw invalid(`${e.name} is a type, not a value`);
      case 'member':
        return this.member(e, scope);
      case 'call':
        return this.call(e, scope);
      case 'index':
        return this.index(e, scope);
      case 'chain': {
        const inner = this.expr(e.inner, scope);
        if (inner.type.name === 'void') return { kind: 'chain', type: inner.type, inner };
        return { kind: 'chain', type: asNullable(inner.type), inner };
      }
      case 'unary':
        return bindUnary(e.op, this.expr(e.operand, scope), this.text(e.operand));
      case 'binary':
        return bindBinary(e.op, this.expr(e.left, scope), this.expr(e.right, scope), {
          left: this.text(e.left),
          right: this.text(e.right),
        });
      case 'conditional':
        return this.conditional(e, scope);
      case 'cast':
        return bindCast(resolveType(e.type, this.text(e.type)), this.expr(e.operand, scope), this.text(e.operand));
      case 'as':
        return bindAs(resolveType(e.type, this.text(e.type)), this.expr(e.operand, scope), this.text(e.operand));
      case 'is':
        return bindIs(this, e, scope);
      case 'default': {
        const type = resolveType(e.type, this.text(e.type));
        return { kind: 'constant', type, value: defaultOf(type) };
      }
      case 'interpolated':
        return bindInterpolation(this, e, scope);
      case 'new':
        return checkNew(this, e, scope);
      case 'newArray':
        return checkNewArray(this, e, scope);
      case 'anonymous':
        return checkAnonymous(this, e, scope);
      case 'assign':
        return bindAssignment(this, e, scope);
      case 'increment':
        return bindIncrement(this, e, scope);
      case 'lambda':
        // `Func<string, bool> isAdmin = r => r == "admin";` gives the lambda its types.
        if (expected?.name === 'Func' && expected.args && !expected.args.some((a) => a.name === INFERRED.name)) {
          return bindLambda(this, e, expected, scope);
        }
        throw invalid(
          'a lambda needs a method to receive it, e.g. .Where(x => …) or .Select(x => …); it cannot stand alone',
        );
      case 'out':
        throw invalid('out arguments are only allowed in method calls: int.TryParse(text, out var number)');
      case 'named':
        throw invalid('named arguments (name: value) are only allowed in method calls');
    }
  }

  private name(e: Extract<Expr, { kind: 'name' }>, scope: Scope): BoundExpr {
    const local = scope.lookup(e.name);
    if (local) {
      this.requireAssigned(local.slot, e.name);
      return { kind: 'local', type: local.type, slot: local.slot };
    }
    if (e.name === 'context') return { kind: 'context', type: CONTEXT_TYPE };
    if (staticMembersOf(e.name)) throw invalid(`${e.name} is a type, not a value; use one of its members`);
    if (/^[A-Z]/.test(e.name)) {
      // A capitalised unknown name is almost always a .NET type outside APIM's allowed list (Console, File, GC).
      throw unsupported(
        `${e.name} is not a type policy expressions may use (APIM allows a fixed list of .NET types) ` +
          'nor a variable declared in the block; see the expressions README for what is available',
      );
    }
    throw invalid(
      `"${e.name}" is not defined; expressions start from context or from a variable declared in the block`,
    );
  }

  private conditional(e: Extract<Expr, { kind: 'conditional' }>, scope: Scope): BoundExpr {
    const test = this.expr(e.test, scope);
    requireCondition(test, this.text(e.test), 'the condition of ?:');
    let then = this.expr(e.then, scope);
    let otherwise = this.expr(e.otherwise, scope);
    const type = unify(then.type, otherwise.type);
    if (!type) {
      throw invalid(
        `the branches of ?: have different types: ${displayType(then.type)} and ${displayType(otherwise.type)}`,
      );
    }
    then = this.convertBound(then, type, this.text(e.then), '?:');
    otherwise = this.convertBound(otherwise, type, this.text(e.otherwise), '?:');
    return { kind: 'conditional', type, test, then, otherwise };
  }

  /**
   * `char.IsDigit` or `list.Contains` written without a call: a method group, which C# turns into a
   * delegate where a `Func<…>` is expected. Undefined when `e` is not one.
   */
  methodGroup(e: Expr, scope: Scope): MethodGroup | undefined {
    if (e.kind !== 'member' || e.typeArgs.length > 0 || e.conditional) return undefined;
    const targetText = this.text(e.target);
    const statics = this.staticTarget(e.target, scope);
    if (statics) {
      const method = statics.methods[e.name];
      return method && !statics.properties[e.name]
        ? { target: undefined, method, name: e.name, targetText }
        : undefined;
    }
    const target = this.expr(e.target, scope);
    const members = target.type.name === 'null' ? undefined : membersOf(withoutNullable(target.type));
    const method = members?.methods[e.name];
    return method && !members?.properties[e.name] ? { target, method, name: e.name, targetText } : undefined;
  }

  /** The members a static type name offers when `target` names one (`string`, `DateTime`), else undefined. */
  private staticTarget(target: Expr, scope: Scope): TypeMembers | undefined {
    if (target.kind === 'typeName') {
      const members = staticMembersOf(target.name);
      if (!members) throw unsupported(`members of ${target.name} are not supported`);
      return members;
    }
    const dotted = dottedName(target);
    if (!dotted || scope.lookup(dotted.split('.')[0]) || dotted.split('.')[0] === 'context') return undefined;
    return staticMembersOf(dotted);
  }

  private member(e: Extract<Expr, { kind: 'member' }>, scope: Scope): BoundExpr {
    const targetText = this.text(e.target);
    const statics = this.staticTarget(e.target, scope);
    if (statics) {
      const property = statics.properties[e.name];
      if (property) return { kind: 'static', type: property.type, property };
      throw this.missingMember(statics, e.name, targetText, this.text(e), false);
    }
    const target = this.expr(e.target, scope);
    if (target.type.nullable && (e.name === 'HasValue' || e.name === 'Value')) {
      return this.nullableMember(target, e.name, targetText);
    }
    const members = this.membersOf(target.type, targetText);
    const property = members.properties[e.name];
    if (!property) throw this.missingMember(members, e.name, targetText, this.text(e), false);
    return {
      kind: 'property',
      type: property.type,
      target,
      property,
      name: e.name,
      conditional: e.conditional,
      targetText,
    };
  }

  /** `x.HasValue` / `x.Value` on `int?`, `bool?`, `double?`. */
  private nullableMember(target: BoundExpr, name: string, targetText: string): BoundExpr {
    if (name === 'HasValue') {
      return {
        kind: 'equals',
        type: BOOL,
        negated: true,
        left: target,
        right: { kind: 'constant', type: NULL, value: null },
      };
    }
    const type = withoutNullable(target.type);
    return bindCast(type, target, targetText);
  }

  private call(e: Extract<Expr, { kind: 'call' }>, scope: Scope): BoundExpr {
    const callee = e.callee;
    if (callee.kind === 'name' && callee.name === 'nameof' && !scope.lookup('nameof')) return this.nameOf(e, scope);
    if (callee.kind === 'name' && scope.lookup(callee.name)?.type.name === 'Func') {
      return this.invokeDelegate(e, scope.lookup(callee.name) as { slot: number; type: Type }, scope);
    }
    if (callee.kind !== 'member') {
      throw unsupported(
        `calling ${this.text(callee)}(…) is not supported; call methods on values, ` +
          'e.g. context.Request.Headers.GetValueOrDefault("name", "")',
      );
    }
    const targetText = this.text(callee.target);
    const statics = this.staticTarget(callee.target, scope);
    const target = statics ? undefined : this.expr(callee.target, scope);
    if (target && target.type.nullable && isValueType(target.type) && callee.name === 'GetValueOrDefault') {
      return this.nullableDefault(target, e.args, scope);
    }
    const members = statics ?? this.membersOf((target as BoundExpr).type, targetText);
    const method = members.methods[callee.name];
    if (!method) throw this.missingMember(members, callee.name, targetText, `${this.text(callee)}(…)`, true);
    let overloads: readonly Overload[] = method.overloads;
    if (callee.typeArgs.length > 0) {
      const written = `${callee.name}<${callee.typeArgs.map((t) => this.text(t)).join(', ')}>`;
      if (!method.generic) throw invalid(`${callee.name} is not generic; remove <…>`);
      if (callee.typeArgs.length > 1) throw unsupported(`${written} is not supported; give one type argument`);
      const typeArg = resolveType(callee.typeArgs[0], this.text(callee.typeArgs[0]));
      const bound = method.generic(typeArg);
      if (!bound) throw unsupported(`${written} is not supported for ${displayType(typeArg)}`);
      overloads = bound;
    }
    const infer = callee.typeArgs.length === 0 ? method.infer : undefined;
    const { overload, args, type } = bindArguments(this, callee.name, overloads, e.args, scope, infer);
    return {
      kind: 'call',
      type,
      target,
      overload,
      args,
      name: callee.name,
      conditional: callee.conditional,
      targetText,
    };
  }

  /** `nameof(x)`, `nameof(context.Request.Method)`: the last name, as text (the operand must exist). */
  private nameOf(e: Extract<Expr, { kind: 'call' }>, scope: Scope): BoundExpr {
    const [operand] = e.args;
    if (e.args.length !== 1 || (operand.kind !== 'name' && operand.kind !== 'member')) {
      throw invalid('nameof takes one name: nameof(variable) or nameof(a.Member)');
    }
    // The name must exist: a variable, a member, or a method group (nameof(list.Add)).
    if (operand.kind === 'member' ? !this.methodGroup(operand, scope) : operand.name !== 'context') {
      this.expr(operand, scope);
    }
    return { kind: 'constant', type: STRING, value: operand.name };
  }

  /** `n.GetValueOrDefault()` / `n.GetValueOrDefault(fallback)` on `int?`, `bool?` …: `n ?? default`. */
  private nullableDefault(target: BoundExpr, args: readonly Expr[], scope: Scope): BoundExpr {
    const type = withoutNullable(target.type);
    if (args.length > 1) throw invalid('GetValueOrDefault takes at most one argument (the default value)');
    const fallback: BoundExpr = args[0]
      ? this.coerce(args[0], type, scope, 'the default value')
      : { kind: 'constant', type, value: defaultOf(type) };
    return { kind: 'coalesce', type, left: target, right: fallback };
  }

  /** `f(x)` on a local of type `Func<A…, R>`: the lambda stored in it runs. */
  private invokeDelegate(e: Extract<Expr, { kind: 'call' }>, local: { slot: number; type: Type }, scope: Scope) {
    const types = local.type.args ?? [];
    const overload: Overload = {
      params: types.slice(0, -1),
      returns: types[types.length - 1],
      allowsNull: true,
      invoke: (target, ...args) => (target as (...values: unknown[]) => unknown)(...args),
    };
    const name = this.text(e.callee);
    const call = bindArguments(this, name, [overload], e.args, scope);
    const target: BoundExpr = { kind: 'local', type: local.type, slot: local.slot };
    return {
      kind: 'call',
      type: call.type,
      target,
      overload: call.overload,
      args: call.args,
      name,
      conditional: false,
      targetText: name,
    } as const;
  }

  private index(e: Extract<Expr, { kind: 'index' }>, scope: Scope): BoundExpr {
    const targetText = this.text(e.target);
    const target = this.expr(e.target, scope);
    const { indexer, key } = this.indexKey(target, e.args, targetText, scope);
    return { kind: 'index', type: indexer.returns, target, indexer, key, conditional: e.conditional, targetText };
  }

  /** The indexer of `target` and its bound key, for reads, writes and index initialisers. */
  indexKey(target: BoundExpr, args: readonly Expr[], targetText: string, scope: Scope) {
    const indexer = this.membersOf(target.type, targetText).indexer;
    if (!indexer) throw unsupported(`${targetText} (${displayType(target.type)}) cannot be indexed with […]`);
    if (args.length !== 1) throw invalid(`${targetText}[…] takes one key`);
    const key = this.expr(args[0], scope);
    const conversion = implicitConversion(key.type, indexer.key);
    if (!conversion) {
      throw invalid(`${targetText}[…] needs a ${displayType(indexer.key)} key, not ${displayType(key.type)}`);
    }
    const converted: BoundExpr =
      conversion === 'identity' ? key : { kind: 'convert', type: indexer.key, operand: key, convert: conversion };
    return { indexer, key: converted };
  }

  membersOf(type: Type, targetText: string): TypeMembers {
    if (type.name === 'null') throw invalid(`${targetText} is null and has no members`);
    if (type.name === 'void') throw invalid(`${targetText} has no value`);
    const members = membersOf(withoutNullable(type));
    if (!members) throw unsupported(`${targetText} (${displayType(type)}) has no supported members`);
    return members;
  }

  missingMember(members: TypeMembers, name: string, targetText: string, written: string, called: boolean) {
    if (called && members.properties[name])
      return invalid(`${targetText}.${name} is a property, not a method; remove ()`);
    if (!called && members.methods[name]) return invalid(`${targetText}.${name} is a method; call it: ${name}(…)`);
    const hint = members.hints?.[name];
    if (hint) return unsupported(hint);
    return unsupported(`${written} is not supported; ${targetText} has ${describeMembers(members)}`);
  }
}

/** `System.String` → "System.String" when `e` is only names and dots. */
function dottedName(e: Expr): string | undefined {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'member' && !e.conditional && e.typeArgs.length === 0) {
    const left = dottedName(e.target);
    return left === undefined ? undefined : `${left}.${e.name}`;
  }
  return undefined;
}
