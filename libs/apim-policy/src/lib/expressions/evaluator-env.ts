import type { GatewayContext } from '../context/gateway-context';
import { LoopBudgetFault } from './expression-error';

/** What a running expression sees: the request context, the locals, and the loop budget spent so far. */
export interface Env {
  readonly context: GatewayContext;
  readonly locals: unknown[];
  steps: number;
}

export type Fn = (env: Env) => unknown;

/** A `?.` met null: the rest of its chain is skipped and the chain's value is null. */
export const SHORT = Symbol('null-conditional');
/** A statement that finished without `return`. */
export const NO_RETURN = Symbol('no-return');
export const BREAK = Symbol('break');
export const CONTINUE = Symbol('continue');

/**
 * Loop iterations one evaluation may run (all loops together): a policy cannot hang the gateway.
 * Far above anything a request needs (a 1,000-item JSON array takes 1,000).
 */
export const LOOP_BUDGET = 1_000_000;

/** One loop iteration: a LoopBudgetFault (never caught by `catch`) past the budget. */
export function spend(env: Env): void {
  if (++env.steps > LOOP_BUDGET) {
    throw new LoopBudgetFault(`loop ran too long: more than ${LOOP_BUDGET} iterations in one evaluation`);
  }
}

/** A finished value: a skipped `?.` chain and undefined are null. */
export function unshort(value: unknown): unknown {
  return value === SHORT || value === undefined ? null : value;
}
