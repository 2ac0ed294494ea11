import type { PolicyStep } from '../policies/policy-step';

/** The effective, compiled policy of one operation in one product context. */
export interface CompiledPipeline {
  readonly inbound: readonly PolicyStep[];
  readonly backend: readonly PolicyStep[];
  readonly outbound: readonly PolicyStep[];
  readonly onError: readonly PolicyStep[];
  /** Some expression names a message `Body`: the pipeline buffers the request body before inbound and the response body before outbound. */
  readonly readsBodies: boolean;
  /** Inbound holds a `cors` statement: a CORS preflight to an operation that does not declare OPTIONS runs it. */
  readonly answersPreflight: boolean;
}
