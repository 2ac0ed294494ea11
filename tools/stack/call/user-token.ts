/**
 * `--user`: signs the dev user in (sign-in-dev-user.ts) and says on stderr what the token carries: `scp` and
 * `roles` are what the gateway's and the APIs' policies decide on (docs/decisions/019-roles-or-scopes.md).
 */
import { signInDevUser, SignInError } from './sign-in-dev-user';
import type { UserSignInPlan } from './user-target';

export interface UserTokenOutput {
  err(text: string): void;
}

/** The access token, or undefined after saying why there is none. */
export async function userToken(plan: UserSignInPlan, output: UserTokenOutput): Promise<string | undefined> {
  const { request } = plan;
  output.err(
    `token: ${plan.userLabel} signed in through ${plan.clientLabel} (${request.client.appId}), authorization code ` +
      `with PKCE, for ${request.scope} from ${request.authority}\n`,
  );
  try {
    const { accessToken } = await signInDevUser({
      ...request,
      onConsent: (client) => output.err(`consent: accepted on the consent page for ${client}\n`),
    });
    output.err(`${describeClaims(accessToken)}\n`);
    return accessToken;
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    output.err(`No token: ${error.message}\n`);
    if (/UNABLE_TO_VERIFY|SELF_SIGNED|self[- ]signed certificate|unable to verify/i.test(error.message)) {
      output.err("The identity service uses the stack's development CA (.data/certs/ca.pem): was .data/ replaced?\n");
    }
    return undefined;
  }
}

/** `claims: scp "Echo.Read.User Echo.Write.User", no roles`. */
export function describeClaims(accessToken: string): string {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    scp?: string;
    roles?: string[];
  };
  const scp = payload.scp === undefined ? 'no scp' : `scp "${payload.scp}"`;
  const roles = payload.roles?.length ? `roles ${JSON.stringify(payload.roles)}` : 'no roles';
  return `claims: ${scp}, ${roles}`;
}
