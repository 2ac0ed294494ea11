/**
 * The demo's signed-in user scenarios (issue 15, docs/decisions/019-roles-or-scopes.md): a dev user signs in through
 * the developer portal's client with the authorization code flow and PKCE (tools/stack/call/sign-in-dev-user.ts,
 * the same module as `npm run call -- --user`), and the token goes through the gateway's two Echo policies. Adele
 * has no app role: her token carries scp only, which the app-only policy refuses with its reason and the fixed
 * policy (roles or scp) accepts. Megan was assigned Echo.Read as a user: her token carries both and passes both.
 */
import type { DemoContext, Scenario } from './scenarios';

/** The delegated scope the portal asks for when a user tries the Echo API. */
const echoReadUser = (ctx: DemoContext) => `${ctx.api.appIdUri}/Echo.Read.User`;

async function callEcho(ctx: DemoContext, apiPath: string, token: string): Promise<Response> {
  return fetch(`${ctx.gatewayUrl}${apiPath}/resource`, {
    headers: { authorization: `Bearer ${token}`, 'ocp-apim-subscription-key': ctx.keys.worker },
  });
}

/** `403 <the message's first sentence>.` or just the status of a success. */
async function answer(response: Response): Promise<string> {
  if (response.ok) {
    await response.arrayBuffer();
    return String(response.status);
  }
  const { message } = (await response.json()) as { message?: string };
  return `${response.status} ${(message ?? '').split('. ')[0].replace(/\.?$/, '.')}`;
}

/** `scp Echo.Read.User, no roles`: the two claims the policies decide on. */
function claims(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    scp?: string;
    roles?: string[];
  };
  const roles = payload.roles?.length ? `roles ${payload.roles.join(' ')}` : 'no roles';
  return `scp ${payload.scp ?? '(none)'}, ${roles}`;
}

export const userScenarios: readonly Scenario[] = [
  {
    name: 'gateway: Adele signed in (auth code + PKCE), app-only Echo policy (/echo-app-only)',
    expected:
      'scp Echo.Read.User, no roles: 403 This API accepts application tokens only: the token carries delegated ' +
      'scopes (scp) of a signed-in user, not app roles (roles).',
    run: async (ctx) => {
      const token = await ctx.signInUser('adele@stack.local', echoReadUser(ctx));
      return `${claims(token)}: ${await answer(await callEcho(ctx, '/echo-app-only', token))}`;
    },
  },
  {
    name: "gateway: Adele's same token, fixed Echo policy (/echo: roles or scp)",
    expected: 'scp Echo.Read.User, no roles: 200',
    run: async (ctx) => {
      const token = await ctx.signInUser('adele@stack.local', echoReadUser(ctx));
      return `${claims(token)}: ${await answer(await callEcho(ctx, '/echo', token))}`;
    },
  },
  {
    name: 'gateway: Megan signed in (assigned Echo.Read), both Echo policies',
    expected: 'scp Echo.Read.User, roles Echo.Read: app-only 200, fixed 200',
    run: async (ctx) => {
      const token = await ctx.signInUser('megan@stack.local', echoReadUser(ctx));
      const appOnly = await answer(await callEcho(ctx, '/echo-app-only', token));
      const fixed = await answer(await callEcho(ctx, '/echo', token));
      return `${claims(token)}: app-only ${appOnly}, fixed ${fixed}`;
    },
  },
];
