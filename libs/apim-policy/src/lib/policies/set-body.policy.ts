import type { PolicyElement } from '@stack/claim-policy';
import type { PolicyCompileContext, PolicyDefinition, PolicyStep } from './policy-step';
import type { MessageTarget } from './set-header.policy';

/**
 * `set-body`: literal text or an expression's result becomes the request body (inbound, backend)
 * or the response body (outbound; inside return-response). Liquid templates are not supported.
 */
export const setBodyPolicy: PolicyDefinition = {
  name: 'set-body',
  sections: ['inbound', 'backend', 'outbound'],
  compile: (element, context) =>
    compileSetBody(element, context, context.section === 'outbound' ? 'response' : 'request'),
};

/** A set-body step acting on `target` (return-response passes `response` in every section). */
export function compileSetBody(
  element: PolicyElement,
  context: PolicyCompileContext,
  target: MessageTarget,
): PolicyStep {
  context.expectAttributes(element, ['template']);
  const template = context.attribute(element, 'template', { expressions: false });
  if (template) {
    const detail =
      template.raw === 'liquid'
        ? 'Liquid templates are not supported by this gateway; remove template="liquid" and build the body with a policy expression @{ … return …; }.'
        : `"${template.raw}" is not a template mode (APIM knows only "liquid", which this gateway does not support); remove the attribute.`;
    throw context.error('POLICY_INVALID_VALUE', element, detail, { attribute: 'template' });
  }
  if (element.children.length > 0) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element.children[0],
      'set-body holds text or a policy expression, not elements; to send XML, wrap it in <![CDATA[ … ]]>.',
    );
  }
  const body = context.text(element);
  return {
    location: context.locate(element),
    run(ctx) {
      const text = body.evaluate(ctx);
      // The old length no longer fits; the forwarder or the server measures the new body.
      if (target === 'request') {
        ctx.request.body = text;
        ctx.request.headers.delete('content-length');
      } else {
        const response = ctx.ensureResponse();
        response.body = text;
        response.headers.delete('content-length');
      }
    },
  };
}
