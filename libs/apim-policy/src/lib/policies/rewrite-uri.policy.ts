import type { GatewayContext } from '../context/gateway-context';
import type { PolicyDefinition } from './policy-step';
import { booleanType, optionalTyped } from './typed-attribute';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * `rewrite-uri`: `template` (e.g. `/v2/{storenumber}?City=city`) becomes the backend path, relative
 * to the backend base URL, and its query. `{name}` takes the operation's matched URL parameter, else
 * the query parameter `name`. With `copy-unmatched-params` (default true) the request's query
 * parameters that the operation's URL template does not name and the template does not use are
 * kept: `/get?a=b&c=d` on operation `/get?a={b}` rewritten with `/put` goes to `/put?c=d` (APIM doc).
 */
export const rewriteUriPolicy: PolicyDefinition = {
  name: 'rewrite-uri',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, ['template', 'copy-unmatched-params']);
    context.expectChildren(element, []);
    const template = context.attribute(element, 'template', { required: true });
    if (template.isConstant && template.raw.trim() === '') {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        'empty; write the backend path, e.g. template="/resource".',
        {
          attribute: 'template',
        },
      );
    }
    const copyUnmatched = optionalTyped(context, element, 'copy-unmatched-params', booleanType, true);
    return {
      location: context.locate(element),
      run(ctx) {
        rewrite(ctx, template.evaluate(ctx).trim(), copyUnmatched.evaluate(ctx));
      },
    };
  },
};

function rewrite(ctx: GatewayContext, template: string, copyUnmatched: boolean): void {
  const incoming = ctx.backend.query;
  const used = new Set<string>();
  const lookup = (name: string): string => {
    used.add(name);
    return ctx.request.matchedParameters[name] ?? incoming.get(name) ?? '';
  };
  const questionMark = template.indexOf('?');
  const pathTemplate = questionMark < 0 ? template : template.slice(0, questionMark);
  const queryTemplate = questionMark < 0 ? '' : template.slice(questionMark + 1);

  const path = pathTemplate.replace(PLACEHOLDER, (_whole, written: string) =>
    // `{*rest}` is APIM's wildcard: its slashes stay path separators.
    written.startsWith('*') ? encodeURI(lookup(written.slice(1))) : encodeURIComponent(lookup(written)),
  );
  const query = new URLSearchParams();
  for (const pair of queryTemplate.split('&').filter((part) => part !== '')) {
    const equals = pair.indexOf('=');
    const key = fill(equals < 0 ? pair : pair.slice(0, equals), lookup);
    query.append(key, equals < 0 ? '' : fill(pair.slice(equals + 1), lookup));
  }
  if (copyUnmatched) {
    const named = operationQueryNames(ctx.operation.urlTemplate);
    for (const [key, value] of incoming) {
      if (!named.has(key) && !used.has(key) && !query.has(key)) query.append(key, value);
    }
  }
  ctx.backend.path = path.startsWith('/') ? path : `/${path}`;
  ctx.backend.query = query;
}

/** Query text with `{name}` filled in, decoded (URLSearchParams encodes it again). */
function fill(text: string, lookup: (name: string) => string): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    result += decode(text.slice(last, match.index)) + lookup(match[1]);
    last = match.index + match[0].length;
  }
  return result + decode(text.slice(last));
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Query parameter names the operation's URL template matches, e.g. `a` in `/get?a={b}`. */
function operationQueryNames(urlTemplate: string): Set<string> {
  const questionMark = urlTemplate.indexOf('?');
  if (questionMark < 0) return new Set();
  return new Set(
    urlTemplate
      .slice(questionMark + 1)
      .split('&')
      .map((pair) => pair.split('=')[0])
      .filter((name) => name !== ''),
  );
}
