import type { Expr, Program, Stmt } from './ast';
import type { BoundExpr, BoundProgram, BoundStmt } from './bound';
import { invalid, unsupported } from './expression-error';
import { describeMembers, membersOf, staticMembersOf } from './member-table';
import type { Overload, TypeMembers } from './members';
import { bindAs, bindBinary, bindCast, bindUnary, requireCondition } from './operators';
import { resolveType } from './type-syntax';
import {
  BOOL,
  CHAR,
  DOUBLE,
  INT,
  NULL,
  STRING,
  type Type,
  asNullable,
  displayType,
  isAssignable,
  named,
  unify,
  withoutNullable,
} from './types';

const CONTEXT_TYPE = named('Context');
const LITERAL_TYPES: Readonly<Record<string, Type>> = {
  string: STRING,
  char: CHAR,
  int: INT,
  double: DOUBLE,
  bool: BOOL,
  null: NULL,
};

/** .NET types a C# policy may name that this subset leaves out (EXPRESSION_UNSUPPORTED, not "not defined"). */
const DOTNET_TYPES = new Set(
  (
    'Math Convert Int32 Int64 Double Boolean Guid Regex Uri Encoding Environment TimeSpan DateTimeOffset JsonConvert ' +
    'JObject JArray JToken XElement XDocument Enumerable Array List Dictionary BitConverter Task System'
  ).split(' '),
);

interface Local {
  readonly slot: number;
  readonly type: Type;
}

class Scope {
  private readonly locals = new Map<string, Local>();
  constructor(private readonly parent?: Scope) {}

  lookup(name: string): Local | undefined {
    return this.locals.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string, local: Local): void {
    this.locals.set(name, local);
  }
}

/**
 * Type-checks a parsed expression against the static type table and resolves every member, so
 * nothing unknown survives to run time. Throws ExpressionProblem.
 */
export function checkProgram(program: Program, source: string): BoundProgram {
  const checker = new Checker(source);
  if (program.kind === 'expression') return { kind: 'expression', body: checker.expr(program.body, new Scope()) };
  const { statements, returns } = checker.statements(program.body, new Scope());
  if (!returns) throw invalid('not every path of the block returns a value; end it with return …;');
  return { kind: 'block', body: statements, slots: checker.slotCount };
}

class Checker {
  slotCount = 0;

  constructor(private readonly source: string) {}

  // ---- statements ----

  statements(list: readonly Stmt[], scope: Scope): { statements: BoundStmt[]; returns: boolean } {
    const statements: BoundStmt[] = [];
    let returns = false;
    for (const statement of list) {
      const checked = this.statement(statement, scope);
      if (checked.bound) statements.push(checked.bound);
      returns ||= checked.returns;
    }
    return { statements, returns };
  }

  private statement(s: Stmt, scope: Scope): { bound?: BoundStmt; returns: boolean } {
    switch (s.kind) {
      case 'empty':
        return { returns: false };
      case 'block': {
        const inner = this.statements(s.statements, new Scope(scope));
        return { bound: { kind: 'block', statements: inner.statements }, returns: inner.returns };
      }
      case 'return':
        return { bound: { kind: 'return', value: this.expr(s.value, scope) }, returns: true };
      case 'declare':
        return { bound: this.declare(s, scope), returns: false };
      case 'if': {
        const test = this.expr(s.test, scope);
        requireCondition(test, this.text(s.test), 'if');
        const then = this.embedded(s.then, scope);
        const otherwise = s.otherwise ? this.embedded(s.otherwise, scope) : undefined;
        return {
          bound: { kind: 'if', test, then: then.bound, otherwise: otherwise?.bound },
          returns: then.returns && (otherwise?.returns ?? false),
        };
      }
    }
  }

  /** The statement of an `if`/`else` branch: C# forbids a bare declaration there. */
  private embedded(s: Stmt, scope: Scope): { bound: BoundStmt; returns: boolean } {
    if (s.kind === 'declare') throw invalid(`declare ${s.name} inside braces: if (…) { var ${s.name} = …; … }`);
    const checked = this.statement(s, new Scope(scope));
    return { bound: checked.bound ?? { kind: 'block', statements: [] }, returns: checked.returns };
  }

  private declare(s: Extract<Stmt, { kind: 'declare' }>, scope: Scope): BoundStmt {
    if (s.name === 'context' || scope.lookup(s.name))
      throw invalid(`"${s.name}" is already declared; pick another name`);
    const init = this.expr(s.init, scope);
    let type = init.type;
    if (s.type) {
      type = resolveType(s.type, this.text(s.type));
      if (!isAssignable(init.type, type)) {
        const hint = init.type.name === 'object' ? `; cast it: (${displayType(type)})${this.text(s.init)}` : '';
        throw invalid(
          `cannot assign ${this.text(s.init)} (${displayType(init.type)}) to ${displayType(type)} ${s.name}${hint}`,
        );
      }
    } else if (type.name === 'null') {
      throw invalid(`var ${s.name} = null does not say a type; write it: string ${s.name} = null;`);
    }
    const slot = this.slotCount++;
    scope.declare(s.name, { slot, type });
    return { kind: 'declare', slot, init };
  }

  // ---- expressions ----

  expr(e: Expr, scope: Scope): BoundExpr {
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
    }
  }

  private name(e: Extract<Expr, { kind: 'name' }>, scope: Scope): BoundExpr {
    const local = scope.lookup(e.name);
    if (local) return { kind: 'local', type: local.type, slot: local.slot };
    if (e.name === 'context') return { kind: 'context', type: CONTEXT_TYPE };
    if (staticMembersOf(e.name)) throw invalid(`${e.name} is a type, not a value; use one of its members`);
    if (DOTNET_TYPES.has(e.name)) {
      throw unsupported(
        `${e.name} is not supported; the static members available are on string, DateTime and StringComparison`,
      );
    }
    throw invalid(
      `"${e.name}" is not defined; expressions start from context or from a variable declared in the block`,
    );
  }

  private conditional(e: Extract<Expr, { kind: 'conditional' }>, scope: Scope): BoundExpr {
    const test = this.expr(e.test, scope);
    requireCondition(test, this.text(e.test), 'the condition of ?:');
    const then = this.expr(e.then, scope);
    const otherwise = this.expr(e.otherwise, scope);
    const type = unify(then.type, otherwise.type);
    if (!type) {
      throw invalid(
        `the branches of ?: have different types: ${displayType(then.type)} and ${displayType(otherwise.type)}`,
      );
    }
    return { kind: 'conditional', type, test, then, otherwise };
  }

  /** The members a static type name offers when `target` names one (`string`, `DateTime`), else undefined. */
  private staticTarget(target: Expr, scope: Scope): TypeMembers | undefined {
    if (target.kind === 'typeName') {
      const members = staticMembersOf(target.name);
      if (!members) throw unsupported(`members of ${target.name} are not supported; static members exist on string`);
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
    if (callee.kind !== 'member') {
      throw unsupported(
        `calling ${this.text(callee)}(…) is not supported; call methods on values, ` +
          'e.g. context.Request.Headers.GetValueOrDefault("name", "")',
      );
    }
    const targetText = this.text(callee.target);
    const statics = this.staticTarget(callee.target, scope);
    const target = statics ? undefined : this.expr(callee.target, scope);
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
      if (!bound)
        throw unsupported(`${written} is not supported; use string, int, bool, double, Jwt, object or string[]`);
      overloads = bound;
    }
    const args = e.args.map((arg) => this.expr(arg, scope));
    const overload = this.pickOverload(callee.name, overloads, args);
    return {
      kind: 'call',
      type: overload.returns,
      target,
      overload,
      args,
      name: callee.name,
      conditional: callee.conditional,
      targetText,
    };
  }

  private pickOverload(name: string, overloads: readonly Overload[], args: readonly BoundExpr[]): Overload {
    const signatures = overloads.map((o) => `${name}(${o.params.map(displayType).join(', ')})`).join(', ');
    const sameArity = overloads.filter((o) => o.params.length === args.length);
    if (sameArity.length === 0) throw invalid(`${name} does not take ${args.length} argument(s); it is ${signatures}`);
    const match = sameArity.find((o) => o.params.every((param, i) => isAssignable(args[i].type, param)));
    if (!match) {
      const given = args.map((arg) => displayType(arg.type)).join(', ');
      throw invalid(`${name}(${given}) does not match ${signatures}`);
    }
    return match;
  }

  private index(e: Extract<Expr, { kind: 'index' }>, scope: Scope): BoundExpr {
    const targetText = this.text(e.target);
    const target = this.expr(e.target, scope);
    const indexer = this.membersOf(target.type, targetText).indexer;
    if (!indexer) throw unsupported(`${targetText} (${displayType(target.type)}) cannot be indexed with […]`);
    if (e.args.length !== 1) throw invalid(`${targetText}[…] takes one key`);
    const key = this.expr(e.args[0], scope);
    if (!isAssignable(key.type, indexer.key)) {
      throw invalid(`${targetText}[…] needs a ${displayType(indexer.key)} key, not ${displayType(key.type)}`);
    }
    return { kind: 'index', type: indexer.returns, target, indexer, key, conditional: e.conditional, targetText };
  }

  private membersOf(type: Type, targetText: string): TypeMembers {
    if (type.name === 'null') throw invalid(`${targetText} is null and has no members`);
    const members = membersOf(withoutNullable(type));
    if (!members) throw unsupported(`${targetText} (${displayType(type)}) has no supported members`);
    return members;
  }

  private missingMember(members: TypeMembers, name: string, targetText: string, written: string, called: boolean) {
    if (called && members.properties[name])
      return invalid(`${targetText}.${name} is a property, not a method; remove ()`);
    if (!called && members.methods[name]) return invalid(`${targetText}.${name} is a method; call it: ${name}(…)`);
    const hint = members.hints?.[name];
    if (hint) return unsupported(hint);
    return unsupported(`${written} is not supported; ${targetText} has ${describeMembers(members)}`);
  }

  private text(node: { readonly start: number; readonly end: number }): string {
    return this.source.slice(node.start, node.end);
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
