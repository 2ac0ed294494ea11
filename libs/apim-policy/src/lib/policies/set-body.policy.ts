import type { PolicyElement } from '@stack/claim-policy';
import type { PolicyCompileContext, PolicyDefinition, PolicyStep } from './policy-step';
import type { MessageTarget } from './set-header.policy';
import { messageOf, type TransformedMessage } from './transformation/message-body';
import { compileLiquidBody } from './transformation/liquid/liquid-body';
import type { XsiNil } from './transformation/liquid/liquid-scope';
import { booleanType, choiceType, optionalTyped } from './typed-attribute';

/**
 * `set-body`: literal text or an expression's result becomes the request body (inbound, backend)
 * or the response body (outbound; inside return-response). With `template="liquid"` the text is a
 * Liquid template in APIM's dialect (transformation/liquid), rendered from the current body.
 */
export const setBodyPolicy: PolicyDefinition = {
  name: 'set-body',
  sections: ['inbound', 'backend', 'outbound'],
  compile: (element, context) =>
    compileSetBody(element, context, context.section === 'outbound' ? 'response' : 'request'),
};

/**
 * A set-body step acting on `target` (return-response passes `response` in every section, and
 * `insideReturnResponse`: there a Liquid template gets an empty body, as APIM documents).
 */
export function compileSetBody(
  element: PolicyElement,
  context: PolicyCompileContext,
  target: MessageTarget,
  options: { readonly insideReturnResponse?: boolean } = {},
): PolicyStep {
  context.expectAttributes(element, ['template', 'xsi-nil', 'parse-date']);
  const template = context.attribute(element, 'template', { expressions: false });
  if (template && template.raw.trim() !== 'liquid') {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      `"${template.raw}" is not a template mode; APIM knows only template="liquid" (or remove the attribute for text or an expression).`,
      { attribute: 'template' },
    );
  }
  if (!template) {
    for (const attribute of ['xsi-nil', 'parse-date']) {
      if (element.attributes[attribute] === undefined) continue;
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        `${attribute} applies to Liquid templates only; add template="liquid" or remove it.`,
        { attribute },
      );
    }
  }
  if (element.children.length > 0) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element.children[0],
      'set-body holds text, a policy expression or a Liquid template, not elements; to write XML, wrap it in <![CDATA[ … ]]>.',
    );
  }
  const location = context.locate(element);
  const messageFor = (ctx: Parameters<PolicyStep['run']>[0]): TransformedMessage =>
    messageOf(ctx, target === 'request' ? 'inbound' : 'outbound');
  if (template) {
    const xsiNil = optionalTyped<XsiNil>(context, element, 'xsi-nil', choiceType(['blank', 'null'] as const), 'blank', {
      expressions: false,
    });
    // Accepted for APIM compatibility: dates in the bound body stay the text they were (the Date filter parses text).
    optionalTyped(context, element, 'parse-date', booleanType, true, { expressions: false });
    const liquid = compileLiquidBody(element, context, xsiNil.constant ?? 'blank');
    const emptyInput = options.insideReturnResponse === true;
    return {
      location,
      async run(ctx) {
        const message = messageFor(ctx);
        write(message, await liquid.render(ctx, message, { emptyInput }));
      },
    };
  }
  const body = context.text(element);
  return {
    location,
    run(ctx) {
      const text = body.evaluate(ctx);
      write(messageFor(ctx), text);
    },
  };
}

/** The old length no longer fits; the forwarder or the server measures the new body. */
function write(message: TransformedMessage, text: string): void {
  message.body = text;
  message.headers.delete('content-length');
}
