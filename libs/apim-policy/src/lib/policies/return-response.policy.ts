import { STATUS_CODES } from 'node:http';
import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext, ResponseState } from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';
import {
  PolicyFailure,
  STOP,
  type PolicyCompileContext,
  type PolicyDefinition,
  type PolicyStep,
  type StepResult,
} from './policy-step';
import { compileSetBody } from './set-body.policy';
import { compileSetHeader } from './set-header.policy';
import { setStatusPolicy } from './set-status.policy';

/**
 * `return-response` (apim.md §4): ends the pipeline with a fresh response, `200 OK` with no body
 * unless its `set-status`, `set-header` and `set-body` children say otherwise. Those children act
 * on that response in every section, inbound included.
 *
 * In on-error, as in APIM, the fresh response keeps the failure's status (and reason): the answer
 * is the error's status unless a `set-status` inside says otherwise, and expressions inside still
 * read the failure's status and body (`context.Response.StatusCode`, `.Body`) until a child
 * replaces them. The failure's headers are not carried over, and its body is not sent unless a
 * `set-body` gives one.
 */
export const returnResponsePolicy: PolicyDefinition = {
  name: 'return-response',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['response-variable-name']);
    context.expectChildren(element, ['set-status', 'set-header', 'set-body']);
    const variable = context.attribute(element, 'response-variable-name', { expressions: false })?.raw.trim();
    const steps = element.children.map((child) => compileChild(child, context));
    const onError = context.section === 'on-error';
    return {
      location: context.locate(element),
      async run(ctx): Promise<StepResult> {
        if (variable !== undefined) ctx.response = responseFromVariable(ctx, variable);
        else if (onError && ctx.response) return answerFailure(ctx, ctx.response, steps);
        else ctx.response = freshResponse();
        for (const step of steps) await step.run(ctx);
        return STOP;
      },
    };
  },
};

function compileChild(child: PolicyElement, context: PolicyCompileContext): PolicyStep {
  if (child.name === 'set-header') return compileSetHeader(child, context, 'response');
  if (child.name === 'set-body') return compileSetBody(child, context, 'response', { insideReturnResponse: true });
  return setStatusPolicy.compile(child, context);
}

/** on-error: a fresh response with the failure's status, its body readable until a child replaces it. */
async function answerFailure(
  ctx: GatewayContext,
  failure: ResponseState,
  steps: readonly PolicyStep[],
): Promise<StepResult> {
  const shown = readableCopy(failure.body);
  const response: ResponseState = {
    statusCode: failure.statusCode,
    reason: failure.reason ?? STATUS_CODES[failure.statusCode],
    headers: new HeaderBag(),
    body: shown,
  };
  ctx.response = response;
  for (const step of steps) await step.run(ctx);
  // Still the failure's own body (no set-body ran): return-response sends no body of its own.
  if (ctx.response === response && response.body === shown) response.body = undefined;
  return STOP;
}

/** A copy of a buffered body expressions may read (a distinct object, so set-body is detectable). */
function readableCopy(body: ResponseState['body']): Buffer | undefined {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return Buffer.from(body);
  return undefined;
}

function freshResponse(): ResponseState {
  return { statusCode: 200, reason: 'OK', headers: new HeaderBag(), body: undefined };
}

/** A copy of the response a variable holds (APIM: from send-request), so later changes stay local. */
function responseFromVariable(ctx: GatewayContext, name: string): ResponseState {
  const held = ctx.variables.get(name);
  if (!isResponse(held)) {
    throw new PolicyFailure(
      500,
      'Internal server error',
      'return-response',
      'ResponseVariableInvalid',
      {},
      {
        problem: `context variable "${name}" (response-variable-name) holds no response`,
      },
    );
  }
  return {
    statusCode: held.statusCode,
    reason: held.reason,
    headers: HeaderBag.from(held.headers.toRecord()),
    body: held.body,
  };
}

function isResponse(value: unknown): value is ResponseState {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ResponseState>;
  return typeof candidate.statusCode === 'number' && candidate.headers instanceof HeaderBag;
}
