import { EvaluationFault } from '../../expressions/expression-error';
import { parseXDocument } from '../../expressions/library/xml-parse';
import type { PolicyDefinition } from '../policy-step';
import { booleanType, choiceType, optionalTyped, requiredTyped } from '../typed-attribute';
import { acceptAsks, contentTypeIs } from './content-negotiation';
import { conversionFailure } from './conversion-failure';
import { messageOf, readBodyText, writeBody } from './message-body';
import { xmlToJson } from './xml-to-json';

const KINDS = ['javascript-friendly', 'direct'] as const;
const APPLY = ['always', 'content-type-xml'] as const;

/**
 * `xml-to-json`: the request body (inbound) or the response body (outbound, on-error) from XML to JSON,
 * Content-Type `application/json`. `apply="content-type-xml"` converts only a message whose Content-Type
 * is XML; `consider-accept-header` (default true) converts only when the request's Accept asks for JSON.
 * XML is read as policy expressions read it (no DOCTYPE, bounded depth and size). Shapes: see xml-to-json.ts.
 */
export const xmlToJsonPolicy: PolicyDefinition = {
  name: 'xml-to-json',
  sections: ['inbound', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['kind', 'apply', 'consider-accept-header', 'always-array-child-elements']);
    context.expectChildren(element, []);
    const kind = requiredTyped(context, element, 'kind', choiceType(KINDS));
    const apply = requiredTyped(context, element, 'apply', choiceType(APPLY));
    const considerAccept = optionalTyped(context, element, 'consider-accept-header', booleanType, true);
    const alwaysArray = optionalTyped(context, element, 'always-array-child-elements', booleanType, false);
    const section = context.section;
    return {
      location: context.locate(element),
      async run(ctx) {
        const message = messageOf(ctx, section);
        if (apply.evaluate(ctx) === 'content-type-xml' && !contentTypeIs(message.headers, 'xml')) return;
        if (considerAccept.evaluate(ctx) && !acceptAsks(ctx.request.headers, 'json')) return;
        const text = await readBodyText(message);
        if (text === undefined || text.trim() === '') return;
        let document;
        try {
          document = parseXDocument(text);
        } catch (error) {
          if (error instanceof EvaluationFault) throw conversionFailure('xml-to-json', message.side, error.message);
          throw error;
        }
        const json = xmlToJson(document, { kind: kind.evaluate(ctx), alwaysArray: alwaysArray.evaluate(ctx) });
        writeBody(message, JSON.stringify(json));
        message.headers.set('Content-Type', ['application/json']);
      },
    };
  },
};
