/**
 * What the portal's "Start here" panel says: trust the dev CA, which client to authorize with and where its secret
 * is, which scope each API takes, which subscription to pick. Data only (rendered by render-start-panel.ts). Pure.
 */
import type { DeveloperPortalOptions } from './developer-portal-options';
import { DOCTOR_PAGE_PATH } from './doctor/setup-token-doctor';
import { recommendedSubscription } from './subscription-choices';

/** The command that installs the identity service's dev CA into this machine's (and browsers') trust stores. */
export const TRUST_COMMAND = 'npm run trust';

export interface StartGuide {
  /** e.g. `https://localhost:5443`: the origin Authorize calls from the browser. */
  readonly identityOrigin: string;
  /** A page of the identity service to open once: a browser that does not trust the dev CA shows why here. */
  readonly discoveryUrl: string;
  /** Whether the token endpoint is this machine's identity service (its dev CA must be trusted). */
  readonly localIdentity: boolean;
  readonly trustCommand: string;
  readonly clientId?: string;
  /** Where the client's secret is, in words. */
  readonly clientSecretHint: string;
  /** One line per API: name, path, the scope to tick and the delegated scopes a signed-in user gets. */
  readonly apis: ReadonlyArray<{
    readonly name: string;
    readonly path: string;
    readonly scope?: string;
    readonly userScopes?: readonly string[];
  }>;
  /** Sign-in of a person (authorization code with PKCE), when the portal offers it. */
  readonly userSignIn?: {
    /** The SPA client id (no secret). */
    readonly clientId: string;
    /** Who can sign in, in words (the local identity's dev users, or your tenant's users). */
    readonly usersHint: string;
  };
  readonly recommendedSubscriptionId?: string;
  /** The token doctor page, when the portal has one. */
  readonly doctorUrl?: string;
}

/** The local identity service's sign-in page (config/identity/registrations.json "users"; no passwords). */
const LOCAL_USERS_HINT =
  "pick a dev user on the identity service's sign-in page; there is no password (local development only). The dev " +
  'users are the "users" of config/identity/registrations.json; by default adele@stack.local (delegated scopes ' +
  'only: her token carries scp, no roles) and megan@stack.local (also assigned the app role Echo.Read).';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The guide for the portal's settings. */
export function startGuideFor(options: DeveloperPortalOptions): StartGuide {
  const tokenUrl = new URL(options.tokenUrl);
  // https://host/<tenant>/oauth2/v2.0/token → https://host/<tenant>/v2.0/.well-known/openid-configuration
  const authority = tokenUrl.href.replace(/\/oauth2\/(?:v2\.0\/)?token(?:[?#].*)?$/, '');
  const localIdentity = LOOPBACK_HOSTS.has(tokenUrl.hostname) || tokenUrl.hostname.endsWith('.localhost');
  const recommended = recommendedSubscription(
    options.subscriptions ?? [],
    options.apis.map((api) => api.id),
    options.recommendedSubscriptionId,
  );
  return {
    identityOrigin: tokenUrl.origin,
    discoveryUrl: `${authority}/v2.0/.well-known/openid-configuration`,
    localIdentity,
    trustCommand: TRUST_COMMAND,
    clientId: options.clientId,
    clientSecretHint: localIdentity
      ? `the "secrets" value of the client registration with appId ${options.clientId ?? '<client id>'} in ` +
        'config/identity/registrations.json (the file IDENTITY_REGISTRATIONS names; DEV ONLY, plain text on purpose). ' +
        'The identity service never prints secrets: its start-up banner lists each client with "secret" or "certificate".'
      : 'the client secret of your app registration (Entra admin center: App registrations, Certificates & secrets).',
    apis: options.apis.map((api) => ({
      name: api.name,
      path: `/${api.path.replace(/^\/+|\/+$/g, '')}`,
      scope: api.scope,
      ...(options.userSignIn && api.userScopes?.length ? { userScopes: api.userScopes } : {}),
    })),
    ...(options.userSignIn
      ? {
          userSignIn: {
            clientId: options.userSignIn.clientId,
            usersHint: localIdentity ? LOCAL_USERS_HINT : 'sign in as a user of your tenant.',
          },
        }
      : {}),
    recommendedSubscriptionId: recommended?.id,
    ...(options.doctor ? { doctorUrl: DOCTOR_PAGE_PATH } : {}),
  };
}
