import { ExpressionEvaluationError } from '../expressions/compiled-expression';
import type { PolicyDefinition } from './policy-step';

/**
 * `set-backend-service` with `base-url`: requests go to that URL instead of the API's service URL
 * (the operation's path is still appended). APIM's `backend-id` (backend entities) is not supported.
 */
export const setBackendServicePolicy: PolicyDefinition = {
  name: 'set-backend-service',
  sections: ['inbound', 'backend'],
  compile(element, context) {
    context.expectAttributes(element, ['base-url', 'backend-id']);
    context.expectChildren(element, []);
    if (element.attributes['backend-id'] !== undefined) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        'backend entities are not supported by this gateway; write the URL instead: base-url="https://…".',
        { attribute: 'backend-id' },
      );
    }
    const baseUrl = context.attribute(element, 'base-url', { required: true });
    if (baseUrl.isConstant) {
      const problem = urlProblem(baseUrl.raw.trim());
      if (problem) throw context.error('POLICY_INVALID_VALUE', element, problem, { attribute: 'base-url' });
    }
    return {
      location: context.locate(element),
      run(ctx) {
        const url = baseUrl.evaluate(ctx).trim();
        const problem = baseUrl.isConstant ? undefined : urlProblem(url);
        if (problem)
          throw new ExpressionEvaluationError(
            `<set-backend-service> attribute "base-url": ${problem}`,
            baseUrl.raw.trim(),
          );
        ctx.backend.baseUrl = url;
      },
    };
  },
};

function urlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not an absolute URL; write e.g. https://backend.example.com/api.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${text}" is not an http(s) URL.`;
  if (url.search || url.hash)
    return `"${text}" carries a query or fragment; give the base URL only (rewrite-uri sets the query).`;
  return undefined;
}
