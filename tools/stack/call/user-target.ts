/**
 * What `npm run call -- --user <upn>` signs in with: the dev user (config/identity/registrations.json `users`), the
 * developer portal's SPA client and its first registered redirect URI, and the local identity service's tenant. The
 * portal's client because the gateway's policies accept it in azp and the API pre-authorizes it (no consent page);
 * dev users exist only in the local identity service, so a non-local authority is refused here.
 */
import { CallUsageError } from './call-options';
import type { DevUserSignIn } from './sign-in-dev-user';
import type { Registrations } from './worker-defaults';

/** The developer portal's client (docs/decisions/019-roles-or-scopes.md). */
export const PORTAL_CLIENT_NAME = 'ago-devportal-spa-app';

export interface UserSignInPlan {
  readonly request: Omit<DevUserSignIn, 'onConsent'>;
  /** `Adele Vance (adele@stack.local)`. */
  readonly userLabel: string;
  readonly clientLabel: string;
}

/** Resolves `--user`; throws {@link CallUsageError} naming the configured users or what else to fix. */
export function resolveUserSignIn(
  registrations: Registrations,
  upn: string,
  authority: string,
  scope: string,
): UserSignInPlan {
  const users = registrations.users ?? [];
  const user = users.find((u) => same(u.userPrincipalName, upn) || same(u.objectId, upn));
  if (!user) {
    const known = users.map((u) => `${u.userPrincipalName} (${u.displayName})`).join(', ') || 'none';
    throw new CallUsageError(
      `No dev user "${upn}" in the registrations (users of config/identity/registrations.json). ` +
        `Configured users: ${known}.`,
    );
  }
  const host = new URL(authority).hostname;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(host)) {
    throw new CallUsageError(
      `--user signs a dev user in on the local identity service's sign-in page, but the authority is ${authority} ` +
        '(WORKER_AUTHORITY). Unset WORKER_AUTHORITY to use the local identity service.',
    );
  }
  const client = registrations.clients.find((c) => c.displayName === PORTAL_CLIENT_NAME);
  const redirectUri = client?.redirectUris?.spa?.[0];
  if (!client || !redirectUri) {
    throw new CallUsageError(
      `--user needs the client ${PORTAL_CLIENT_NAME} with a SPA redirect URI in the registrations ` +
        '(config/identity/registrations.json).',
    );
  }
  return {
    request: {
      authority,
      client: { platform: 'spa', appId: client.appId, redirectUri },
      scope,
      user: { objectId: user.objectId, userPrincipalName: user.userPrincipalName },
    },
    userLabel: `${user.displayName} (${user.userPrincipalName})`,
    clientLabel: PORTAL_CLIENT_NAME,
  };
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
