import { ExpressionEvaluationError } from '../../expressions/compiled-expression';
import type { PolicyDefinition } from '../policy-step';
import { booleanType, choiceType, optionalTyped, requiredTyped } from '../typed-attribute';
import { acceptAsks, contentTypeIs } from './content-negotiation';
import { conversionFailure } from './conversion-failure';
import { jsonToXml } from './json-to-xml';
import { messageOf, readBodyText, writeBody } from './message-body';

const APPLY = ['always', 'content-type-json'] as const;

/**
 * `json-to-xml`: the request body (inbound) or the response body (outbound, on-error) from JSON to XML,
 * Content-Type `application/xml`. `apply="content-type-json"` converts only a message whose Content-Type
 * is JSON; `consider-accept-header` (default true) converts only when the request's Accept asks for XML.
 * Shapes: see json-to-xml.ts.
 */
export const jsonToXmlPolicy: PolicyDefinition = {
  name: 'json-to-xml',
  sections: ['inbound', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, [
      'apply',
      'consider-accept-header',
      'parse-date',
      'namespace-separator',
      'namespace-prefix',
      'attribute-block-name',
    ]);
    context.expectChildren(element, []);
    const apply = requiredTyped(context, element, 'apply', choiceType(APPLY));
    const considerAccept = optionalTyped(context, element, 'consider-accept-header', booleanType, true);
    const parseDate = optionalTyped(context, element, 'parse-date', booleanType, true, { expressions: false });
    const separator = context.attribute(element, 'namespace-separator');
    const prefix = context.attribute(element, 'namespace-prefix');
    const attributeBlock = context.attribute(element, 'attribute-block-name');
    if (separator?.isConstant && [...separator.raw].length !== 1) {
      throw context.error('POLICY_INVALID_VALUE', element, 'give one character, e.g. ":" (default "_").', {
        attribute: 'namespace-separator',
      });
    }
    const section = context.section;
    return {
      location: context.locate(element),
      async run(ctx) {
        const message = messageOf(ctx, section);
        if (apply.evaluate(ctx) === 'content-type-json' && !contentTypeIs(message.headers, 'json')) return;
        if (considerAccept.evaluate(ctx) && !acceptAsks(ctx.request.headers, 'xml')) return;
        const namespaceSeparator = separator ? separator.evaluate(ctx) : '_';
        if ([...namespaceSeparator].length !== 1) {
          throw new ExpressionEvaluationError(
            `<json-to-xml> attribute "namespace-separator": the expression gave "${namespaceSeparator.slice(0, 20)}", not one character.`,
            separator?.raw.trim() ?? '',
          );
        }
        const text = await readBodyText(message);
        if (text === undefined || text.trim() === '') return;
        let json;
        try {
          json = JSON.parse(text);
        } catch (error) {
          throw conversionFailure('json-to-xml', message.side, error instanceof Error ? error.message : String(error));
        }
        const xml = jsonToXml(json, {
          namespaceSeparator,
          namespacePrefix: prefix?.evaluate(ctx) || undefined,
          attributeBlockName: attributeBlock?.evaluate(ctx) || undefined,
          parseDate: parseDate.evaluate(ctx),
        });
        writeBody(message, xml);
        message.headers.set('Content-Type', ['application/xml']);
      },
    };
  },
};
