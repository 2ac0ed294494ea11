/**
 * The demo's gateway scenarios: the original write-up's setup (APIM with validate-jwt and subscription keys) as the
 * local gateway runs it from config/gateway/.
 */
import { defaultRegistrations } from '@stack/testing';
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

/** The gateway's own identity (config/identity/registrations.json: ago-gateway-identity-app). */
const GATEWAY_IDENTITY_APP_ID = defaultRegistrations.clients.gatewayIdentity.appId;

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
  {
    name: 'gateway: cached operation (cache-lookup/store), 3 calls',
    expected: '3 x 200, Echo called once, 3 request ids',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.client, apiScope(ctx));
      const statuses: number[] = [];
      const echoedIds = new Set<string>();
      const answerIds = new Set<string>();
      for (let i = 0; i < 3; i += 1) {
        const response = await callGateway(ctx, '/echo/resource-cached?demo=cache', { token, key: ctx.keys.worker });
        const echoed = (await response.json()) as { headers?: Record<string, string> };
        statuses.push(response.status);
        // The gateway sends Echo its request id: one id echoed back means one backend call.
        echoedIds.add(echoed.headers?.['x-request-id'] ?? 'none');
        answerIds.add(response.headers.get('x-request-id') ?? 'none');
      }
      const ok = statuses.filter((status) => status === 200).length;
      return `${ok} x 200, Echo called ${echoedIds.size === 1 ? 'once' : `${echoedIds.size} times`}, ${answerIds.size} request ids`;
    },
  },
  {
    name: 'gateway: one fragment included by both APIs',
    expected: 'echo nosniff, protected nosniff',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.client, apiScope(ctx));
      const sniff = async (path: string) => {
        const response = await callGateway(ctx, path, { token, key: ctx.keys.worker });
        await response.arrayBuffer();
        const powered = response.headers.get('x-powered-by') ? ' (X-Powered-By leaked)' : '';
        return `${response.headers.get('x-content-type-options') ?? 'no header'}${powered}`;
      };
      return `echo ${await sniff('/echo/resource')}, protected ${await sniff('/protected/me')}`;
    },
  },
  {
    name: "gateway: relays with its own managed identity; protected-api checks it's the gateway",
    expected: '200 relayed by the gateway (Gateway.Relay); the client directly: 403',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.client, apiScope(ctx));
      const relayed = await callGateway(ctx, '/protected/relay', { token, key: ctx.keys.worker });
      const body = (await relayed.json()) as { relayedBy?: string; roles?: string[] };
      const by = body.relayedBy === GATEWAY_IDENTITY_APP_ID ? 'the gateway' : (body.relayedBy ?? 'nobody');
      const direct = await fetch(`${ctx.apiUrl}/relay`, { headers: { authorization: `Bearer ${token}` } });
      await direct.arrayBuffer();
      return `${relayed.status} relayed by ${by} (${(body.roles ?? []).join(', ')}); the client directly: ${direct.status}`;
    },
  },
];
