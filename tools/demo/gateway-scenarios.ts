/**
 * The demo's gateway scenarios: the original write-up's setup (APIM with validate-jwt and subscription keys) as the
 * local gateway runs it from config/gateway/.
 */
import type { DemoContext, Scenario } from './scenarios';
import { apiScope, legacyApiScope, tokenFor } from './scenarios';

interface GatewayCall {
  readonly method?: string;
  readonly token?: string;
  readonly key?: string;
}

function callGateway(ctx: DemoContext, path: string, request: GatewayCall = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (request.token) headers['authorization'] = `Bearer ${request.token}`;
  if (request.key) headers['ocp-apim-subscription-key'] = request.key;
  const method = request.method ?? 'GET';
  const body = method === 'GET' ? undefined : JSON.stringify({ vehicleType: 'train', maxSpeed: 125 });
  if (body) headers['content-type'] = 'application/json';
  return fetch(`${ctx.gatewayUrl}${path}`, { method, headers, body });
}

/** `401 Access denied due to missing subscription key.`: status and the APIM message's first sentence. */
async function statusAndMessage(response: Response): Promise<string> {
  const { message } = (await response.json()) as { message?: string };
  return `${response.status} ${(message ?? '').split('. ')[0].replace(/\.?$/, '.')}`;
}

export const gatewayScenarios: readonly Scenario[] = [
  {
    name: 'gateway: authorized read (worker key)',
    expected: '200',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.client, apiScope(ctx));
      return String((await callGateway(ctx, '/protected/resource', { token, key: ctx.keys.worker })).status);
    },
  },
  {
    name: 'gateway: missing subscription key',
    expected: '401 Access denied due to missing subscription key.',
    run: async (ctx) => statusAndMessage(await callGateway(ctx, '/echo/resource')),
  },
  {
    name: 'gateway: invalid subscription key',
    expected: '401 Access denied due to invalid subscription key.',
    run: async (ctx) => statusAndMessage(await callGateway(ctx, '/echo/resource', { key: 'not-a-key' })),
  },
  {
    name: 'gateway: write without Echo.Write (operation policy)',
    expected: '403 JWT token is missing the following claims: roles.',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.noRoleClient, apiScope(ctx));
      return statusAndMessage(
        await callGateway(ctx, '/echo/resource', { method: 'POST', token, key: ctx.keys.worker }),
      );
    },
  },
  {
    name: 'gateway: token for another API (validate-azure-ad-token)',
    expected: '401 Audience validation failed.',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.client, legacyApiScope(ctx));
      return statusAndMessage(await callGateway(ctx, '/protected/resource', { token, key: ctx.keys.worker }));
    },
  },
  {
    name: "gateway: write-up's test operation (return-response)",
    expected: '200 {"status":"200","message":"OK"}',
    run: async (ctx) => {
      const response = await callGateway(ctx, '/echo/status', { key: ctx.keys.worker });
      return `${response.status} ${await response.text()}`;
    },
  },
  {
    name: 'gateway: Starter product, 6 calls in a row',
    expected: '5 x 200, then 429 with Retry-After',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.client, apiScope(ctx));
      let ok = 0;
      for (let i = 0; i < 5; i += 1) {
        const response = await callGateway(ctx, '/echo/resource', { token, key: ctx.keys.starter });
        await response.arrayBuffer();
        if (response.status === 200) ok += 1;
      }
      const sixth = await callGateway(ctx, '/echo/resource', { token, key: ctx.keys.starter });
      await sixth.arrayBuffer();
      const retry = sixth.headers.get('retry-after') ? ' with Retry-After' : ' without Retry-After';
      return `${ok} x 200, then ${sixth.status}${retry}`;
    },
  },
];
