import { Readable } from 'node:stream';
import { ExpressionEvaluationError } from '../expressions/compiled-expression';
import { PolicyFailure, STOP, runStep, type PolicyStep, type StepLocation } from '../policies/policy-step';
import { bufferBody, DEFAULT_MAX_BUFFERED_BODY_BYTES } from './buffer-bodies';
import { completeResponse } from '../policies/response-hooks';
import { wasServedFromCache } from '../policies/integration/cached-response';
import type { CompiledPipeline } from './compiled-pipeline';
import type {
  GatewayContext,
  LastError,
  PolicySection,
  ResponseState,
  ForwardOptions,
} from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';
import { InvalidHeaderValueError } from '../context/header-value';

/** A failure answer: status, APIM message, LastError reason. */
export interface HttpFailure {
  readonly status: number;
  readonly message: string;
  readonly reason: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RunPipelineOptions {
  /** Sends the request to the backend and sets `context.response`; its 502/504 are PolicyFailures. */
  readonly forward: (context: GatewayContext, options?: ForwardOptions) => Promise<void>;
  /** Told about anything that was not a policy decision (a bug, a failing expression). */
  readonly onUnexpectedError?: (error: unknown, context: GatewayContext) => void;
  /** Largest body buffered for expressions that read one; default {@link DEFAULT_MAX_BUFFERED_BODY_BYTES}. */
  readonly maxBufferedBodyBytes?: number;
}

/**
 * Runs one request through its policy: inbound, backend, forward, outbound (apim.md §3). A
 * `return-response` ends the pipeline there. A failure anywhere becomes `context.LastError` and APIM's
 * `{"statusCode", "message"}` answer; then `on-error` runs and may replace or adjust that answer.
 */
export async function runPipeline(
  context: GatewayContext,
  pipeline: CompiledPipeline,
  options: RunPipelineOptions,
): Promise<void> {
  await runSections(context, pipeline, options);
  // Work policies defer until the answer is final (rate-limit headers, increment-condition).
  for (const error of completeResponse(context)) options.onUnexpectedError?.(error, context);
}

async function runSections(context: GatewayContext, pipeline: CompiledPipeline, options: RunPipelineOptions) {
  const position: { step?: StepLocation; section: PolicySection | 'forward-request' } = { section: 'inbound' };
  const maxBody = options.maxBufferedBodyBytes ?? DEFAULT_MAX_BUFFERED_BODY_BYTES;
  try {
    if (pipeline.readsBodies) context.request.body = await bufferBody(context.request.body, maxBody, 'request');
    if ((await runSection(pipeline.inbound, context, position, 'inbound')) === STOP) {
      if (wasServedFromCache(context))
        await runSection(afterCacheStore(pipeline.outbound), context, position, 'outbound');
      return;
    }
    context.forwardToBackend = async (forwardOptions) => {
      await options.forward(context, forwardOptions);
      context.forwarded = true;
      const response = context.response;
      if (pipeline.readsBodies && response) response.body = await bufferBody(response.body, maxBody, 'response');
    };
    if ((await runSection(pipeline.backend, context, position, 'backend')) === STOP) return;
    // No <forward-request> in the composed backend section: forward as APIM's global default would.
    if (!context.forwarded) {
      position.section = 'forward-request';
      position.step = undefined;
      await context.forwardToBackend();
    }
    await runSection(pipeline.outbound, context, position, 'outbound');
  } catch (error) {
    const failure = describeFailure(error, position.step);
    if (failure.status === 500 && !(error instanceof PolicyFailure)) options.onUnexpectedError?.(error, context);
    context.lastError = lastErrorOf(failure, position);
    context.failureCause = causeOf(error);
    discardBody(context.response?.body);
    context.response = failureResponse(failure);
    await runOnError(pipeline.onError, context, options);
  }
}

async function runSection(
  steps: readonly PolicyStep[],
  context: GatewayContext,
  position: { step?: StepLocation; section: PolicySection | 'forward-request' },
  section: PolicySection,
): Promise<void | typeof STOP> {
  position.section = section;
  for (const step of steps) {
    position.step = step.location;
    if ((await runStep(step, context)) === STOP) return STOP;
  }
  position.step = undefined;
}

/**
 * A cache hit resumes at the step after the composed outbound's first top-level cache-store. Without one there
 * (none, or only inside a choose), nothing of outbound runs: the hit is the answer.
 */
function afterCacheStore(outbound: readonly PolicyStep[]): readonly PolicyStep[] {
  const store = outbound.findIndex((step) => step.location.element === 'cache-store');
  return store === -1 ? [] : outbound.slice(store + 1);
}

/** on-error: its own failures are logged and leave the failure answer in place. */
async function runOnError(steps: readonly PolicyStep[], context: GatewayContext, options: RunPipelineOptions) {
  try {
    for (const step of steps) if ((await runStep(step, context)) === STOP) return;
  } catch (error) {
    options.onUnexpectedError?.(error, context);
  }
}

interface Failure extends HttpFailure {
  readonly source: string;
}

function describeFailure(error: unknown, step: StepLocation | undefined): Failure {
  if (error instanceof PolicyFailure) {
    return {
      status: error.status,
      message: error.message,
      reason: error.reason,
      source: error.source,
      headers: error.headers,
    };
  }
  if (error instanceof InvalidHeaderValueError) {
    // The request's own data (a header, a claim) made a policy's header value: the client's error, not ours.
    return { status: 400, message: 'Bad Request', reason: 'HeaderValueInvalid', source: step?.element ?? 'gateway' };
  }
  if (error instanceof ExpressionEvaluationError) {
    return {
      status: 500,
      message: 'Internal server error',
      reason: 'ExpressionValueEvaluationFailure',
      source: 'expression',
    };
  }
  return { status: 500, message: 'Internal server error', reason: 'InternalError', source: 'gateway' };
}

/** The `cause` a policy gave its failure (PolicyFailure.detail), for the log. */
function causeOf(error: unknown): string | undefined {
  if (!(error instanceof PolicyFailure)) return undefined;
  const cause = (error.detail as { cause?: unknown } | undefined)?.cause;
  return typeof cause === 'string' ? cause : undefined;
}

function lastErrorOf(
  failure: Failure,
  position: { step?: StepLocation; section: PolicySection | 'forward-request' },
): LastError {
  const step = position.step;
  return {
    source: failure.source,
    reason: failure.reason,
    message: failure.message,
    scope: step?.scope,
    section: position.section === 'forward-request' ? 'backend' : position.section,
    path: step ? `${step.section}/${step.element}` : undefined,
    policyId: step?.policyId,
  };
}

/** A backend body we will not send must still be consumed or destroyed, or its pooled connection leaks. */
function discardBody(body: unknown): void {
  if (body instanceof Readable) body.destroy();
}

/** APIM's failure answer: `{"statusCode": …, "message": "…"}` as JSON. */
export function failureResponse(failure: HttpFailure): ResponseState {
  const headers = new HeaderBag();
  headers.set('Content-Type', ['application/json; charset=utf-8']);
  for (const [name, value] of Object.entries(failure.headers ?? {})) headers.set(name, [value]);
  return {
    statusCode: failure.status,
    headers,
    body: JSON.stringify({ statusCode: failure.status, message: failure.message }),
  };
}
