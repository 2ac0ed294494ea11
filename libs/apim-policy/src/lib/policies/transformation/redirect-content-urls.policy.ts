import type { GatewayContext } from '../../context/gateway-context';
import type { PolicyDefinition } from '../policy-step';
import { messageOf, readBodyText, writeBody } from './message-body';

/**
 * `redirect-content-urls`: masks links in bodies. In outbound, the backend's base URL in the response
 * body becomes the API's URL on the gateway (the origin the client called plus the API's suffix); in
 * inbound, the gateway's API URL in the request body becomes the backend's. Headers (Location …) are
 * not touched, as APIM documents.
 */
export const redirectContentUrlsPolicy: PolicyDefinition = {
  name: 'redirect-content-urls',
  sections: ['inbound', 'outbound'],
  compile(element, context) {
    context.expectAttributes(element, []);
    context.expectChildren(element, []);
    const section = context.section;
    return {
      location: context.locate(element),
      async run(ctx) {
        const [from, to] =
          section === 'outbound' ? [backendUrl(ctx), gatewayUrl(ctx)] : [gatewayUrl(ctx), backendUrl(ctx)];
        const message = messageOf(ctx, section);
        const text = await readBodyText(message);
        if (text === undefined || from === '' || !text.includes(from)) return;
        writeBody(message, text.split(from).join(to));
      },
    };
  },
};

/** Where this request goes, without a trailing slash (set-backend-service may have changed it). */
function backendUrl(ctx: GatewayContext): string {
  return ctx.backend.baseUrl.replace(/\/+$/, '');
}

/** The API as the client sees it: the origin it called and the API's URL suffix. */
function gatewayUrl(ctx: GatewayContext): string {
  const suffix = ctx.api.path.replace(/^\/+|\/+$/g, '');
  return suffix === '' ? ctx.request.originalUrl.origin : `${ctx.request.originalUrl.origin}/${suffix}`;
}
