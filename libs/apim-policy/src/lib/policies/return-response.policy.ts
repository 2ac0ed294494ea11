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
 */
export const returnResponsePolicy: PolicyDefinition = {
  name: 'return-response',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['response-variable-name']);
    context.expectChildren(element, ['set-status', 'set-header', 'set-body']);
    const variable = context.attribute(element, 'response-variable-name', { expressions: false })?.raw.trim();
    const steps = element.children.map((child) => compileChild(child, context));
    return {
      location: context.locate(element),
      async run(ctx): Promise<StepResult> {
        ctx.response = variable === undefined ? freshResponse() : responseFromVariable(ctx, variable);
        for (const step of steps) await step.run(ctx);
        return STOP;
      },
    };
  },
};

function compileChild(child: PolicyElement, context: PolicyCompileContext): PolicyStep {
  if (child.name === 'set-header') return compileSetHeader(child, context, 'response');
  if (child.name === 'set-body') return compileSetBody(child, context, 'response');
  return setStatusPolicy.compile(child, context);
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
