import type { PolicyElement } from '@stack/claim-policy';
import { substituteNamedValues } from '../../model/named-values';
import type { CompiledExpression } from '../../expressions/compiled-expression';
import type { PolicyCompileContext } from '../policy-step';

const EXPRESSION = /^\s*@[({]/;

/**
 * Compiles, at load time, every policy expression in a token-validation element (attributes and
 * texts, after `{{named values}}`), keyed by its text as claim-policy's importer will ask for it.
 * An expression outside the supported subset fails the gateway's start, naming file and line.
 */
export function collectExpressions(
  root: PolicyElement,
  context: PolicyCompileContext,
): Map<string, CompiledExpression> {
  const compiled = new Map<string, CompiledExpression>();
  const visit = (element: PolicyElement) => {
    const where = { file: context.file, element: element.name };
    for (const [attribute, raw] of Object.entries(element.attributes)) {
      const value = substituteNamedValues(raw, context.services.namedValues, where);
      if (EXPRESSION.test(value)) compiled.set(value.trim(), context.expression(value.trim(), element, attribute));
    }
    const text = substituteNamedValues(element.text, context.services.namedValues, where);
    if (EXPRESSION.test(text)) compiled.set(text.trim(), context.expression(text.trim(), element));
    element.children.forEach(visit);
  };
  visit(root);
  return compiled;
}
