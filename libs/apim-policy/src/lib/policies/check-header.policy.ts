import type { HeaderBag } from '../context/header-bag';
import { PolicyFailure, type PolicyDefinition } from './policy-step';
import { booleanType, integerType, requiredTyped } from './typed-attribute';
import { valueElements } from './value-elements';

/**
 * `check-header` (apim.md §4): the request must carry header `name` and, when `<value>`s are
 * listed, one of its values must equal one of them (`ignore-case` as configured). Otherwise the
 * call fails with `failed-check-httpcode` and `failed-check-error-message`. APIM marks all four
 * attributes required, so they are here too.
 */
export const checkHeaderPolicy: PolicyDefinition = {
  name: 'check-header',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, ['name', 'failed-check-httpcode', 'failed-check-error-message', 'ignore-case']);
    const name = context.attribute(element, 'name', { required: true });
    const status = requiredTyped(context, element, 'failed-check-httpcode', integerType(100, 599));
    const message = context.attribute(element, 'failed-check-error-message', { required: true });
    const ignoreCase = requiredTyped(context, element, 'ignore-case', booleanType);
    const values = valueElements(element, context);
    return {
      location: context.locate(element),
      run(ctx) {
        const header = name.evaluate(ctx);
        const fail = (reason: string, detail: string) =>
          new PolicyFailure(status.evaluate(ctx), message.evaluate(ctx), 'check-header', reason, {}, detail);
        const sent = ctx.request.headers.get(header);
        if (sent === undefined) {
          throw fail('HeaderNotFound', `Header ${header} was not found in the request. Access denied.`);
        }
        if (values.length === 0) return;
        const allowed = values.map((value) => value.evaluate(ctx));
        if (!matches(ctx.request.headers, header, allowed, ignoreCase.evaluate(ctx))) {
          const joined = ctx.request.headers.joined(header) ?? '';
          throw fail('HeaderValueNotAllowed', `Header ${header} value of ${joined} is not allowed. Access denied.`);
        }
      },
    };
  },
};

/** Any sent value (or all of them joined, for a header sent on several lines) equals an allowed one. */
function matches(headers: HeaderBag, name: string, allowed: readonly string[], ignoreCase: boolean): boolean {
  const fold = (text: string) => (ignoreCase ? text.toUpperCase() : text);
  const sent = new Set([...(headers.get(name) ?? []), headers.joined(name) ?? ''].map(fold));
  return allowed.some((value) => sent.has(fold(value)));
}
