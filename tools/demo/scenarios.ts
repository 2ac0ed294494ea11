/**
 * The demo's scenarios: each one states what a user should see and checks what the running stack does.
 */
import { readCertificateCredential, TokenProvider } from '@stack/token-cache';
import { join } from 'node:path';
import pino from 'pino';

export interface DemoContext {
  readonly identityUrl: string;
  /** protected-api, called directly. */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  /** DEV ONLY subscription keys of config/gateway/ (Unlimited and Starter products). */
  readonly keys: { readonly worker: string; readonly starter: string };
  readonly dataDir: string;
  readonly tenantId: string;
  readonly api: { appId: string; appIdUri: string };
  readonly legacyApi: { appIdUri: string };
  readonly client: { appId: string; secret: string };
  readonly noRoleClient: { appId: string; secret: string };
  readonly certificateClient: { appId: string; certificateName: string };
  /**
   * A dev user's access token for `scope`, signed in through the developer portal's client with the authorization
   * code flow and PKCE; one sign-in per user and scope, so two scenarios can show the same token.
   */
  signInUser(userPrincipalName: string, scope: string): Promise<string>;
  /** Token requests the identity service granted to a client for a scope. */
  tokenRequests(clientId: string, scope: string): Promise<number>;
}

export interface Scenario {
  readonly name: string;
  readonly expected: string;
  run(ctx: DemoContext): Promise<string>;
}

type SecretClient = DemoContext['client'];
type Target = { scope: string } | { resource: string };

/** A raw form POST to the token endpoint, as the original write-up's REST client does (v1 when `resource` is given). */
export async function tokenFor(ctx: DemoContext, client: SecretClient, target: Target): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: client.appId,
    client_secret: client.secret,
  });
  const v1 = 'resource' in target;
  body.set(v1 ? 'resource' : 'scope', v1 ? target.resource : target.scope);
  const endpoint = `${ctx.identityUrl}/${ctx.tenantId}/oauth2/${v1 ? '' : 'v2.0/'}token`;
  const response = await fetch(endpoint, { method: 'POST', body });
  const json = (await response.json()) as { access_token?: string; error_description?: string };
  if (!json.access_token) throw new Error(json.error_description ?? `token endpoint answered ${response.status}`);
  return json.access_token;
}

async function call(ctx: DemoContext, method: string, path: string, token?: string): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const body = method === 'GET' ? undefined : JSON.stringify({ vehicleType: 'train', maxSpeed: 125 });
  if (body) headers['content-type'] = 'application/json';
  return fetch(`${ctx.apiUrl}${path}`, { method, headers, body });
}

/** Status, plus the RFC 6750 error code when the API sent one: `403 insufficient_scope`. */
function outcome(response: Response): string {
  const error = /error="([^"]+)"/.exec(response.headers.get('www-authenticate') ?? '')?.[1];
  return error ? `${response.status} ${error}` : String(response.status);
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

export const apiScope = (ctx: DemoContext) => ({ scope: `${ctx.api.appIdUri}/.default` });
export const legacyApiScope = (ctx: DemoContext) => ({ scope: `${ctx.legacyApi.appIdUri}/.default` });

/** A scenario that calls the API once with a token of `client` for `target`. */
function oneCall(
  name: string,
  expected: string,
  request: { method: string; client: (ctx: DemoContext) => SecretClient; target: (ctx: DemoContext) => Target },
): Scenario {
  return {
    name,
    expected,
    run: async (ctx) =>
      outcome(
        await call(ctx, request.method, '/resource', await tokenFor(ctx, request.client(ctx), request.target(ctx))),
      ),
  };
}

/** Calls to protected-api directly (its roles guard); the gateway's scenarios follow in gateway-scenarios.ts. */
export const apiScenarios: readonly Scenario[] = [
  oneCall('authorized read (Echo.Read)', '200', { method: 'GET', client: (c) => c.client, target: apiScope }),
  oneCall('authorized write (Echo.Write)', '201', { method: 'POST', client: (c) => c.client, target: apiScope }),
  oneCall('client without a role', '403 insufficient_scope', {
    method: 'GET',
    client: (c) => c.noRoleClient,
    target: apiScope,
  }),
  {
    name: 'no token',
    expected: '401 (bare Bearer challenge)',
    run: async (ctx) => {
      const response = await call(ctx, 'GET', '/resource');
      return `${response.status}${response.headers.get('www-authenticate') === 'Bearer' ? ' (bare Bearer challenge)' : ''}`;
    },
  },
  oneCall('wrong audience (token for the legacy API)', '401 invalid_token', {
    method: 'GET',
    client: (c) => c.client,
    target: legacyApiScope,
  }),
  {
    name: 'v2 token (API on accessTokenAcceptedVersion 2)',
    expected: 'ver 2.0, aud = appId, 200',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.client, apiScope(ctx));
      const claims = claimsOf(token);
      const aud = claims['aud'] === ctx.api.appId ? 'appId' : String(claims['aud']);
      return `ver ${claims['ver']}, aud = ${aud}, ${(await call(ctx, 'GET', '/me', token)).status}`;
    },
  },
  {
    name: 'v1 endpoint (resource=) for the v2 API',
    expected: 'ver 2.0, 200',
    run: async (ctx) => {
      const token = await tokenFor(ctx, ctx.client, { resource: ctx.api.appIdUri });
      return `ver ${claimsOf(token)['ver']}, ${(await call(ctx, 'GET', '/resource', token)).status}`;
    },
  },
  {
    name: 'v1 token (legacy API on version 1)',
    expected: 'ver 1.0, aud = App ID URI, appid set',
    run: async (ctx) => {
      const claims = claimsOf(await tokenFor(ctx, ctx.client, legacyApiScope(ctx)));
      const aud = claims['aud'] === ctx.legacyApi.appIdUri ? 'App ID URI' : String(claims['aud']);
      return `ver ${claims['ver']}, aud = ${aud}, appid ${claims['appid'] === ctx.client.appId ? 'set' : 'missing'}`;
    },
  },
  {
    name: 'certificate client (msal-node, private_key_jwt)',
    expected: '200',
    run: async (ctx) => {
      const base = join(ctx.dataDir, 'clients', ctx.certificateClient.certificateName);
      const provider = providerFor(ctx, ctx.certificateClient.appId, {
        certificate: await readCertificateCredential(`${base}.pem`, `${base}.key`),
      });
      try {
        return outcome(await call(ctx, 'GET', '/resource', (await provider.getToken(apiScope(ctx).scope)).accessToken));
      } finally {
        await provider.close();
      }
    },
  },
  {
    name: 'cache reuse over 100 calls (token-cache)',
    expected: '100 x 200, 1 token request',
    run: async (ctx) => {
      const { scope } = apiScope(ctx);
      const before = await ctx.tokenRequests(ctx.client.appId, scope);
      const provider = providerFor(ctx, ctx.client.appId, { clientSecret: ctx.client.secret });
      let ok = 0;
      try {
        for (let i = 0; i < 100; i += 1) {
          const response = await call(ctx, 'GET', '/resource', (await provider.getToken(scope)).accessToken);
          if (response.status === 200) ok += 1;
        }
      } finally {
        await provider.close();
      }
      const requests = (await ctx.tokenRequests(ctx.client.appId, scope)) - before;
      return `${ok} x 200, ${requests} token request${requests === 1 ? '' : 's'}`;
    },
  },
];

function providerFor(
  ctx: DemoContext,
  clientId: string,
  credential: ConstructorParameters<typeof TokenProvider>[0]['credential'],
) {
  return new TokenProvider({
    authority: `${ctx.identityUrl}/${ctx.tenantId}`,
    knownAuthorities: [new URL(ctx.identityUrl).host],
    clientId,
    credential,
    logger: pino({ level: 'silent' }),
  });
}
