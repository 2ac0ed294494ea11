import type { PolicyElement } from '@stack/claim-policy';
import type { ConfigLocation, GatewayConfigError, GatewayConfigErrorCode } from '../errors/gateway-config-error';
import type { CompiledExpression } from '../expressions/compiled-expression';
import type { GatewayContext, PolicyScope, PolicySection } from '../context/gateway-context';
import type { GatewayServices } from './gateway-services';

/** Returned by a step that ended the pipeline (`return-response`): `context.response` is the answer. */
export const STOP = Symbol('stop-pipeline');
export type StepResult = void | typeof STOP;

/** Where a compiled policy came from; `context.LastError` and logs use it. */
export interface StepLocation {
  readonly file: string;
  readonly line?: number;
  readonly scope: PolicyScope;
  readonly section: PolicySection;
  /** Element name, e.g. `validate-jwt`. */
  readonly element: string;
  /** The policy's `id` attribute, if any (LastError.PolicyId). */
  readonly policyId?: string;
}

/** One compiled policy statement, ready to run per request. */
export interface PolicyStep {
  readonly location: StepLocation;
  run(context: GatewayContext): StepResult | Promise<StepResult>;
}

/**
 * A policy refused the request (validate-jwt, check-header, rate-limit …). The pipeline records it
 * as `context.LastError`, runs `on-error`, and unless on-error answered, replies APIM's body
 * `{"statusCode": status, "message": message}` with `headers`.
 */
export class PolicyFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** LastError.Source, e.g. `validate-jwt`. */
    readonly source: string,
    /** LastError.Reason, e.g. `TokenNotPresent`. */
    readonly reason: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** Logged, never sent: why exactly (claim-policy reasons, expected vs actual). */
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'PolicyFailure';
  }
}

/** A value from an attribute or element text: a literal (named values resolved) or an expression. */
export interface ValueSource {
  /** True when no expression is involved: `evaluate` always returns the same text. */
  readonly isConstant: boolean;
  /** The raw text after named values were substituted. */
  readonly raw: string;
  evaluate(context: GatewayContext): string;
}

/** What a policy compiler gets besides its element. */
export interface PolicyCompileContext {
  readonly file: string;
  readonly scope: PolicyScope;
  readonly section: PolicySection;
  readonly services: GatewayServices;
  /** Location of `element` for errors and steps. */
  locate(element: PolicyElement): StepLocation;
  /** Fails unless every attribute of `element` is in `known`. */
  expectAttributes(element: PolicyElement, known: readonly string[]): void;
  /** Fails unless every child element of `element` is in `known`. */
  expectChildren(element: PolicyElement, known: readonly string[]): void;
  /** An attribute as a value; `undefined` when absent and not required. Expressions refused when `expressions: false`. */
  attribute(element: PolicyElement, name: string, options: { required: true; expressions?: boolean }): ValueSource;
  attribute(
    element: PolicyElement,
    name: string,
    options?: { required?: false; expressions?: boolean },
  ): ValueSource | undefined;
  /** The element's text (named values resolved, expressions compiled). */
  text(element: PolicyElement): ValueSource;
  /** An expression (`@(…)`/`@{…}`) compiled with this file's location. */
  expression(source: string, element: PolicyElement, attribute?: string): CompiledExpression;
  /** Compiles nested statements (choose/when, return-response) in this section. */
  compileChildren(elements: readonly PolicyElement[]): PolicyStep[];
  /** A load-time error naming this file, the element's line, and the attribute. */
  error(
    code: GatewayConfigErrorCode,
    element: PolicyElement,
    detail: string,
    location?: Partial<ConfigLocation>,
  ): GatewayConfigError;
}

/** Compiles one policy element into a step; throws {@link GatewayConfigError} for bad input. */
export interface PolicyDefinition {
  /** Element name, e.g. `set-header`. */
  readonly name: string;
  /** Sections APIM allows it in (apim.md); elsewhere it is a load-time error. */
  readonly sections: readonly PolicySection[];
  compile(element: PolicyElement, context: PolicyCompileContext): PolicyStep;
}

/** Runs steps in order; stops at the first that ends the pipeline. */
export async function runSteps(steps: readonly PolicyStep[], context: GatewayContext): Promise<StepResult> {
  for (const step of steps) {
    if ((await runStep(step, context)) === STOP) return STOP;
  }
}

/** Runs one step, recording it in `context.trace` when the context traces (nested steps after their parent). */
export async function runStep(step: PolicyStep, context: GatewayContext): Promise<StepResult> {
  const trace = context.trace;
  if (!trace) return step.run(context);
  const { scope, section, element, file, line, policyId } = step.location;
  const entry = { scope, section, policy: element, file, line, policyId };
  const index = trace.push({ ...entry, outcome: 'done' }) - 1;
  try {
    const result = await step.run(context);
    if (result === STOP) trace[index] = { ...entry, outcome: 'ended' };
    return result;
  } catch (error) {
    trace[index] = { ...entry, outcome: 'failed' };
    throw error;
  }
}
