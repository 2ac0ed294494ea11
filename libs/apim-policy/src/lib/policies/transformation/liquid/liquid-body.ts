import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../../context/gateway-context';
import type { PolicyCompileContext } from '../../policy-step';
import { PolicyFailure } from '../../policy-step';
import { readBodyText, type TransformedMessage } from '../message-body';
import { createLiquidEngine, parseLiquid } from './liquid-engine';
import { APIM_FILTERS, pascalCaseOf } from './liquid-filters';
import { bindBody, bindContext, type XsiNil } from './liquid-scope';

const NAMED_VALUE = /\{\{\s*([^{}\s|]+)\s*\}\}/g;

/** A set-body Liquid template compiled at load: renders the new body from `body` and `context`. */
export interface LiquidBody {
  render(ctx: GatewayContext, message: TransformedMessage, options: { readonly emptyInput: boolean }): Promise<string>;
}

/**
 * Compiles `<set-body template="liquid">`. `{{name}}` is a named value only when one by that name
 * exists; every other `{{…}}` is Liquid. A syntax error, an unknown filter (with the PascalCase name
 * to write instead) or a file tag is a load error.
 */
export function compileLiquidBody(element: PolicyElement, context: PolicyCompileContext, xsiNil: XsiNil): LiquidBody {
  const { namedValues } = context.services;
  const source = element.text.replace(NAMED_VALUE, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(namedValues, name) ? (namedValues[name] ?? whole) : whole,
  );
  const engine = createLiquidEngine(context.services.now);
  let templates;
  try {
    templates = parseLiquid(engine, source);
  } catch (error) {
    throw context.error('POLICY_INVALID_VALUE', element, `the Liquid template does not parse: ${explain(error)}`);
  }
  return {
    async render(ctx, message, { emptyInput }) {
      const text = emptyInput ? '' : ((await readBodyText(message)) ?? '');
      const scope = {
        body: bindBody(text, message.headers, xsiNil),
        context: bindContext(ctx, text !== ''),
      };
      try {
        return String(await engine.render(templates, scope));
      } catch (error) {
        throw new PolicyFailure(
          500,
          'Internal server error',
          'set-body',
          'LiquidTemplateRenderFailure',
          {},
          {
            cause: `set-body: the Liquid template failed: ${explain(error)}`,
          },
        );
      }
    },
  };
}

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknownFilter = /undefined filter: ([\w-]+)/.exec(message);
  if (!unknownFilter) return message;
  const name = unknownFilter[1];
  const pascal = pascalCaseOf(name);
  const known = Object.keys(APIM_FILTERS).concat('Date', 'Currency');
  return known.includes(pascal) && pascal !== name
    ? `unknown filter "${name}"; APIM's Liquid names filters in PascalCase (C# mode): write ${pascal}.`
    : `unknown filter "${name}"; APIM supports ${known.sort().join(', ')}.`;
}
