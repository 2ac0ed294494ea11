import type { PolicyElement } from '@stack/claim-policy';
import type { PolicyCompileContext, ValueSource } from './policy-step';

/**
 * The `<value>` children of set-header / check-header, each a literal or an expression. Header
 * values carry no surrounding whitespace, so a pretty-printed `<value>` is trimmed.
 */
export function valueElements(element: PolicyElement, context: PolicyCompileContext): ValueSource[] {
  context.expectChildren(element, ['value']);
  return element.children.map((child) => {
    context.expectAttributes(child, []);
    context.expectChildren(child, []);
    const source = context.text(child);
    const raw = source.raw.trim();
    return { isConstant: source.isConstant, raw, evaluate: (ctx) => source.evaluate(ctx).trim() };
  });
}
