import type { Expr } from './ast';
import { implicitConversion } from './assignability';
import type { BoundArg, BoundExpr } from './bound';
import type { Checker, MethodGroup } from './checker';
import { ExpressionProblem, invalid } from './expression-error';
import { bindLambda } from './lambda-binder';
import type { Method, Overload } from './members';
import type { Scope } from './scope';
import { resolveType } from './type-syntax';
import { INFERRED, type Type, displayType, func, typeEquals } from './types';

/** The chosen signature, its arguments in parameter order and the call's type. */
export interface BoundCall {
  readonly overload: Overload;
  readonly args: readonly BoundArg[];
  readonly type: Type;
}

/** Arguments placed on parameters: `slots[i]` is the index into the written arguments, or -1 (optional, left out). */
type Placement = readonly number[];

/**
 * C# overload resolution for the subset: arguments are matched by position, then by name
 * (`preserveContent: true`); trailing optional parameters may be left out; `out` arguments go to
 * `out` parameters; lambdas are typed from the `Func<…>` parameter they land on. Among the
 * signatures that fit, the one needing the fewest non-identity conversions wins (first on a tie).
 */
export function bindArguments(
  checker: Checker,
  name: string,
  declared: readonly Overload[],
  written: readonly Expr[],
  scope: Scope,
  infer?: Method['infer'],
): BoundCall {
  const firstNamed = written.findIndex((arg) => arg.kind === 'named');
  if (firstNamed >= 0 && written.slice(firstNamed).some((arg) => arg.kind !== 'named')) {
    throw invalid(`${name}: positional arguments cannot follow named ones`);
  }
  // Plain arguments are bound once; lambdas and out variables per candidate / after the choice.
  const plain = new Map<number, BoundExpr>();
  const groups = new Map<number, MethodGroup>();
  written.forEach((arg, i) => {
    const value = arg.kind === 'named' ? arg.value : arg;
    if (value.kind === 'lambda' || value.kind === 'out') return;
    const group = value.kind === 'member' ? checker.methodGroup(value, scope) : undefined;
    if (group) groups.set(i, group);
    else plain.set(i, checker.expr(value, scope));
  });
  const inferred = infer?.(written.map((arg, i) => (arg.kind === 'named' ? undefined : plain.get(i)?.type)));
  const overloads = inferred ? [...declared, ...inferred] : declared;

  let best: { overload: Overload; args: BoundArg[]; cost: number; placement: Placement } | undefined;
  let lambdaProblem: ExpressionProblem | undefined;
  for (const overload of overloads) {
    const placement = place(overload, written);
    if (!placement) continue;
    try {
      const attempt = tryOverload(checker, overload, placement, written, plain, groups, scope);
      if (attempt && (!best || attempt.cost < best.cost)) best = { overload, placement, ...attempt };
    } catch (error) {
      if (!(error instanceof ExpressionProblem)) throw error;
      lambdaProblem ??= error;
    }
  }
  if (!best) {
    if (lambdaProblem) throw lambdaProblem;
    throw noMatch(checker, name, overloads, written, plain);
  }
  const { overload, args, placement } = best;
  const lambdaResults: (Type | undefined)[] = overload.params.map(() => undefined);
  placement.forEach((from, i) => {
    if (from < 0) {
      args[i] = { kind: 'constant', type: overload.params[i], value: defaultValue(overload, i) };
      return;
    }
    const arg = written[from];
    const value = arg.kind === 'named' ? arg.value : arg;
    if (value.kind === 'out') args[i] = bindOut(checker, value, overload.params[i], scope);
    const bound = args[i];
    if (bound.kind !== 'out' && bound.type.name === 'Func') {
      lambdaResults[i] = bound.type.args?.[bound.type.args.length - 1];
    }
  });
  const type = overload.resultOf ? overload.resultOf(lambdaResults) : overload.returns;
  return { overload, args, type };
}

/** Which written argument lands on each parameter, or undefined when the arguments cannot fit. */
function place(overload: Overload, written: readonly Expr[]): Placement | undefined {
  const count = overload.params.length;
  const slots = new Array<number>(count).fill(-1);
  for (let i = 0; i < written.length; i++) {
    const arg = written[i];
    let at = i;
    if (arg.kind === 'named') {
      at = overload.names?.indexOf(arg.name) ?? -1;
      if (at < 0) return undefined;
    }
    if (at >= count || slots[at] >= 0) return undefined;
    slots[at] = i;
    const value = arg.kind === 'named' ? arg.value : arg;
    const isOut = overload.outParams?.includes(at) ?? false;
    if ((value.kind === 'out') !== isOut) return undefined;
  }
  const firstOptional = count - (overload.optional ?? 0);
  return slots.every((from, i) => from >= 0 || i >= firstOptional) ? slots : undefined;
}

function tryOverload(
  checker: Checker,
  overload: Overload,
  placement: Placement,
  written: readonly Expr[],
  plain: ReadonlyMap<number, BoundExpr>,
  groups: ReadonlyMap<number, MethodGroup>,
  scope: Scope,
): { args: BoundArg[]; cost: number } | undefined {
  const args: BoundArg[] = [];
  let cost = 0;
  // Plain arguments first: a lambda is bound only for a signature whose other arguments fit.
  for (let i = 0; i < placement.length; i++) {
    const bound = plain.get(placement[i]);
    if (!bound) continue;
    const param = overload.params[i];
    if (param.name === 'Func') {
      // A Func variable passed on (`list.Where(isAdmin)`): same parameter types, a fitting result.
      if (!delegateFits(bound.type, param)) return undefined;
      args[i] = bound;
      continue;
    }
    const converted = convertArgument(checker, bound, param);
    if (!converted) return undefined;
    cost += converted === bound ? 0 : 1;
    args[i] = converted;
  }
  for (let i = 0; i < placement.length; i++) {
    const from = placement[i];
    if (from < 0 || plain.has(from)) continue;
    const arg = written[from];
    const value = arg.kind === 'named' ? arg.value : arg;
    const group = groups.get(from);
    if (group) {
      const delegate = bindMethodGroup(checker, group, overload.params[i]);
      if (!delegate) return undefined;
      args[i] = delegate;
    } else if (value.kind === 'lambda') {
      const param = overload.params[i];
      if (param.name !== 'Func' || (param.args?.length ?? 0) - 1 !== value.params.length) return undefined;
      args[i] = bindLambda(checker, value, param, scope);
    } else {
      // `out` arguments are bound once the signature is chosen; a placeholder keeps the index.
      args[i] = { kind: 'constant', type: overload.params[i], value: null };
    }
  }
  return { args, cost };
}

/**
 * `char.IsDigit` where a `Func<char, bool>` is expected: the group's overload with exactly those
 * parameters, wrapped in a lambda that calls it. Undefined when no overload fits.
 */
function bindMethodGroup(checker: Checker, group: MethodGroup, param: Type): BoundExpr | undefined {
  if (param.name !== 'Func' || !param.args) return undefined;
  const params = param.args.slice(0, -1);
  const result = param.args[param.args.length - 1];
  const overload = group.method.overloads.find(
    (o) =>
      o.params.length === params.length &&
      !o.outParams?.length &&
      o.params.every((p, i) => typeEquals(p, params[i])) &&
      (result.name === INFERRED.name || implicitConversion(o.returns, result) === 'identity'),
  );
  if (!overload) return undefined;
  const slots = params.map(() => checker.newSlot());
  const body: BoundExpr = {
    kind: 'call',
    type: overload.returns,
    target: group.target,
    overload,
    args: slots.map((slot, i): BoundExpr => ({ kind: 'local', type: params[i], slot })),
    name: group.name,
    conditional: false,
    targetText: group.targetText,
  };
  const frame: [number, number] = slots.length > 0 ? [slots[0], slots[slots.length - 1] + 1] : [0, 0];
  return { kind: 'lambda', type: func(...params, overload.returns), slots, body, frame };
}

function delegateFits(given: Type, param: Type): boolean {
  const [a, b] = [given.args ?? [], param.args ?? []];
  if (given.name !== 'Func' || a.length !== b.length) return false;
  const result = b[b.length - 1];
  const paramsMatch = a.slice(0, -1).every((type, i) => typeEquals(type, b[i]));
  return paramsMatch && (result.name === INFERRED.name || implicitConversion(a[a.length - 1], result) === 'identity');
}

function convertArgument(checker: Checker, bound: BoundExpr, param: Type): BoundExpr | undefined {
  if (bound.kind === 'constant' && bound.type.name === 'int' && typeof bound.value === 'number') {
    const fitsByte = param.name === 'byte' && bound.value >= 0 && bound.value <= 255;
    if (fitsByte || param.name === 'long') return checker.convertBound(bound, param, '', 'an argument');
  }
  const conversion = implicitConversion(bound.type, param);
  if (!conversion) return undefined;
  return conversion === 'identity' ? bound : { kind: 'convert', type: param, operand: bound, convert: conversion };
}

function bindOut(checker: Checker, arg: Extract<Expr, { kind: 'out' }>, param: Type, scope: Scope): BoundArg {
  // `out _` / `out var _`: a discard, when no variable is called `_`.
  if (arg.name === '_' && (arg.declares || !scope.lookup('_')))
    return { kind: 'out', type: param, slot: checker.newSlot() };
  if (arg.declares) {
    if (arg.type) {
      const declared = resolveType(arg.type, checker.text(arg.type));
      if (!typeEquals(declared, param)) {
        throw invalid(`out ${checker.text(arg.type)} ${arg.name}: the parameter is out ${displayType(param)}`);
      }
    }
    return { kind: 'out', type: param, slot: checker.declareLocal(arg.name, param, scope) };
  }
  const local = scope.lookup(arg.name);
  if (!local) throw invalid(`"${arg.name}" is not defined; declare it here: out var ${arg.name}`);
  checker.unassigned.delete(local.slot);
  if (!typeEquals(local.type, param)) {
    throw invalid(`out ${arg.name} needs a ${displayType(param)} variable; ${arg.name} is ${displayType(local.type)}`);
  }
  return { kind: 'out', type: param, slot: local.slot };
}

function defaultValue(overload: Overload, index: number): unknown {
  const defaults = overload.defaults;
  if (!defaults) return undefined;
  const fromEnd = overload.params.length - index;
  return defaults[defaults.length - fromEnd];
}

function noMatch(
  checker: Checker,
  name: string,
  overloads: readonly Overload[],
  written: readonly Expr[],
  plain: ReadonlyMap<number, BoundExpr>,
) {
  const signatures = overloads.map((o) => `${name}(${describeParams(o)})`).join(', ');
  const arityFits = overloads.some((o) => place(o, written) !== undefined);
  if (!arityFits) return invalid(`${name} does not take ${written.length} argument(s); it is ${signatures}`);
  const given = written
    .map((arg, i) => {
      const bound = plain.get(i);
      if (bound) return displayType(bound.type);
      return checker.text(arg);
    })
    .join(', ');
  return invalid(`${name}(${given}) does not match ${signatures}`);
}

function describeParams(overload: Overload): string {
  return overload.params
    .map((param, i) => {
      const out = overload.outParams?.includes(i) ? 'out ' : '';
      const label = overload.names?.[i] ? ` ${overload.names[i]}` : '';
      return `${out}${displayType(param)}${label}`;
    })
    .join(', ');
}
