/**
 * The authorization endpoint, framework-free: validates a request in Entra's order (errors about the client or the
 * redirect URI are shown on a page, never redirected; later ones go back to the registered redirect URI), then signs
 * the user in on the local account picker, asks for consent unless pre-authorization or a grant covers the scopes,
 * and issues a one-time code bound to the client, redirect URI, PKCE challenge, scopes and nonce.
 */
import { AadstsError } from '../errors/aadsts-error';
import { applicationNotFound, invalidRequest, missingParameter, tenantNotFound } from '../errors/catalogue';
import {
  adminConsentRequired,
  consentDeclined,
  consentRequired,
  invalidCodeChallenge,
  loginRequired,
  noReplyAddress,
  pkceRequiredForSpa,
  pkceS256Required,
  redirectUriMismatch,
  unsupportedResponseMode,
  unsupportedResponseType,
} from '../errors/user-flow-errors';
import type { EndpointVersion } from '../discovery/service-urls';
import { classifyTenantSegment } from '../discovery/tenant-segment';
import type { Directory } from '../registrations/directory';
import type { ApiApp, ClientApp, DirectoryUser, PermissionScope } from '../registrations/registrations.schema';
import { formParam, type FormFields } from '../tokens/form-params';
import { deliverToRedirectUri, formActionSourceOf, type AuthorizeHttpResponse } from './authorize-response';
import { newHandle } from './bounded-store';
import { consentPage, signInPage } from './pages';
import { parseScopeRequest } from './scope-request';
import {
  CODE_LIFETIME_MS,
  PENDING_LIFETIME_MS,
  SESSION_LIFETIME_MS,
  type PendingAuthorization,
  type Prompt,
  type ResponseMode,
  type UserFlowState,
} from './user-flow-state';

/** What the HTTP layer does next. */
export type AuthorizeOutcome =
  /** Shown on an error page (never redirected): unknown client, unregistered redirect URI, expired page. */
  | { readonly kind: 'error-page'; readonly error: AadstsError }
  | { readonly kind: 'respond'; readonly response: AuthorizeHttpResponse; readonly sessionId?: string };

/** Dependencies. */
export interface AuthorizeServiceDeps {
  readonly directory: Directory;
  readonly state: UserFlowState;
  readonly now: () => number;
}

const PROMPTS: readonly Prompt[] = ['login', 'none', 'consent', 'select_account'];
const RESPONSE_MODES: readonly ResponseMode[] = ['query', 'fragment', 'form_post'];
const PKCE_CHARS = /^[A-Za-z0-9\-._~]+$/;

/** The part of an authorization request read before anything can be sent back to the app. */
interface RequestHead {
  readonly client: ClientApp;
  readonly redirectUri: string;
  readonly platform: PendingAuthorization['platform'];
  readonly responseMode: ResponseMode;
  readonly state?: string;
}

export class AuthorizeService {
  constructor(private readonly deps: AuthorizeServiceDeps) {}

  /** `GET/POST /{tenant}/oauth2[/v2.0]/authorize`. */
  authorize(endpoint: EndpointVersion, tenant: string, params: FormFields, sessionId?: string): AuthorizeOutcome {
    const head = this.readHead(tenant, params);
    if ('kind' in head) return head;
    const { client, redirectUri, platform, responseMode, state } = head;
    try {
      const pending = this.readRequest(endpoint, params, client, redirectUri, platform, responseMode, state);
      return this.continueWith(pending, sessionId);
    } catch (error) {
      if (error instanceof AadstsError) return this.redirectError(redirectUri, responseMode, error, state);
      throw error;
    }
  }

  /**
   * Tenant, client and redirect URI: until the redirect URI is known to be registered, errors go to a page. Then
   * `state` and `response_mode` are read, so that later errors can go back to the app.
   */
  private readHead(tenant: string, params: FormFields): RequestHead | AuthorizeOutcome {
    const { directory } = this.deps;
    const param = (name: string) => formParam(params, name);
    let matched: { client: ClientApp; redirectUri: string; platform: PendingAuthorization['platform'] };
    try {
      const kind = classifyTenantSegment(tenant, directory);
      // One tenant: /common and /organizations sign its users in too; /consumers has no work accounts.
      if (kind === 'unknown' || kind === 'consumers') throw tenantNotFound(tenant, 'invalid_request');
      const clientId = param('client_id');
      if (!clientId) throw missingParameter('client_id');
      const client = directory.findClient(clientId);
      if (!client) throw applicationNotFound(clientId, directory.registrations.tenant.displayName);
      const redirectUri = param('redirect_uri');
      if (!redirectUri) throw noReplyAddress();
      const registered = directory.matchRedirectUri(client, redirectUri);
      if (!registered) throw redirectUriMismatch(redirectUri, client.appId);
      matched = { client, redirectUri, platform: registered.platform };
    } catch (error) {
      if (error instanceof AadstsError) return { kind: 'error-page', error };
      throw error;
    }
    let state: string | undefined;
    try {
      state = param('state');
      const mode = param('response_mode');
      if (mode !== undefined && !(RESPONSE_MODES as readonly string[]).includes(mode)) {
        throw unsupportedResponseMode(mode);
      }
      return { ...matched, state, responseMode: (mode as ResponseMode | undefined) ?? 'query' };
    } catch (error) {
      if (error instanceof AadstsError) return this.redirectError(matched.redirectUri, 'query', error, state);
      throw error;
    }
  }

  /** The sign-in page's form: the user picked an account. */
  selectUser(pendingId: string, userObjectId: string): AuthorizeOutcome {
    const pending = this.deps.state.pending.get(pendingId);
    if (!pending) return { kind: 'error-page', error: expiredPage() };
    const user = this.deps.directory.findUser(userObjectId);
    if (!user) return { kind: 'error-page', error: invalidRequest('That user is not registered.') };
    pending.userObjectId = user.objectId;
    const sessionId = newHandle();
    this.deps.state.sessions.set(sessionId, user.objectId, SESSION_LIFETIME_MS);
    // The account is chosen: a second visit of this page must not bypass consent with prompt=login semantics.
    const next = this.afterSignIn(pendingId, pending, user);
    return next.kind === 'respond' ? { ...next, sessionId } : next;
  }

  /** The consent page's form. */
  consent(pendingId: string, decision: string): AuthorizeOutcome {
    const pending = this.deps.state.pending.get(pendingId);
    if (!pending?.userObjectId) return { kind: 'error-page', error: expiredPage() };
    this.deps.state.pending.delete(pendingId);
    if (decision !== 'accept') {
      return this.redirectError(pending.redirectUri, pending.responseMode, consentDeclined(), pending.state);
    }
    for (const resource of pending.resources) {
      this.deps.state.recordConsent(pending.userObjectId, pending.clientId, resource.apiAppId, resource.values);
    }
    return this.issueCode(pending, pending.userObjectId);
  }

  private readRequest(
    endpoint: EndpointVersion,
    params: FormFields,
    client: ClientApp,
    redirectUri: string,
    platform: PendingAuthorization['platform'],
    responseMode: ResponseMode,
    state: string | undefined,
  ): PendingAuthorization {
    const param = (name: string) => formParam(params, name);
    const responseType = param('response_type');
    if (!responseType) throw missingParameter('response_type');
    if (responseType !== 'code') throw unsupportedResponseType(responseType);

    // v1 names the API with `resource` (its static permissions); v2 with scopes.
    let scope = param('scope') ?? '';
    if (endpoint === 'v1') {
      const resource = param('resource');
      if (resource) scope = `${scope} ${resource.replace(/\/+$/, '')}/.default`;
      // v1 has no OIDC scopes to ask with: it always returns an ID token and a refresh token.
      for (const implied of ['openid', 'offline_access']) {
        if (!scope.split(' ').includes(implied)) scope = `${implied} ${scope}`;
      }
    }
    if (!scope.trim()) throw missingParameter('scope');
    const tenantName = this.deps.directory.registrations.tenant.displayName;
    const scopes = parseScopeRequest(scope, this.deps.directory, tenantName);

    const prompt = param('prompt');
    if (prompt !== undefined && !(PROMPTS as readonly string[]).includes(prompt)) {
      throw invalidRequest(`Invalid prompt value '${prompt}'. Use login, none, consent or select_account.`);
    }
    const { codeChallenge, codeChallengeMethod } = readPkce(
      param('code_challenge'),
      param('code_challenge_method'),
      platform,
    );

    return {
      endpoint,
      clientId: client.appId,
      redirectUri,
      platform,
      responseMode,
      state,
      nonce: param('nonce'),
      codeChallenge,
      codeChallengeMethod,
      prompt: prompt as Prompt | undefined,
      loginHint: param('login_hint'),
      oidc: [...scopes.oidc],
      resources: scopes.resources.map((resource) => ({
        apiAppId: resource.api.appId,
        requestedAs: resource.requestedAs,
        values: resource.values,
      })),
    };
  }

  /** Decides between the sign-in page, consent, an error, or a code. */
  private continueWith(pending: PendingAuthorization, sessionId: string | undefined): AuthorizeOutcome {
    const { directory, state } = this.deps;
    const sessionUser = sessionId ? state.sessions.get(sessionId) : undefined;
    const hinted = pending.loginHint ? directory.findUserByUpn(pending.loginHint) : undefined;
    const sessionMatchesHint = !hinted || hinted.objectId === sessionUser;
    const mustPick = pending.prompt === 'login' || pending.prompt === 'select_account';

    if (pending.prompt === 'none') {
      const user = sessionUser ? directory.findUser(sessionUser) : undefined;
      if (!user || !sessionMatchesHint) throw loginRequired();
      const missing = this.missingConsent(pending, user);
      if (missing.length > 0) throw consentRequired(this.clientOf(pending), 'interaction_required', missing);
      return this.issueCode(pending, user.objectId);
    }

    const pendingId = newHandle();
    state.pending.set(pendingId, pending, PENDING_LIFETIME_MS);
    const user = sessionUser && sessionMatchesHint && !mustPick ? directory.findUser(sessionUser) : undefined;
    if (user) return this.afterSignIn(pendingId, pending, user);
    const html = signInPage({
      pendingId,
      clientName: this.clientOf(pending).displayName,
      users: directory.registrations.users,
      hintedUserId: hinted?.objectId,
    });
    const formActionSource = formActionSourceOf(pending.redirectUri);
    return { kind: 'respond', response: { kind: 'html', status: 200, html, formActionSource } };
  }

  private afterSignIn(pendingId: string, pending: PendingAuthorization, user: DirectoryUser): AuthorizeOutcome {
    pending.userObjectId = user.objectId;
    const adminOnly = this.adminOnlyWithoutGrant(pending, user);
    if (adminOnly.length > 0) {
      this.deps.state.pending.delete(pendingId);
      return this.redirectError(
        pending.redirectUri,
        pending.responseMode,
        adminConsentRequired(adminOnly),
        pending.state,
      );
    }
    const missing = this.missingConsent(pending, user);
    if (missing.length === 0 && pending.prompt !== 'consent') {
      this.deps.state.pending.delete(pendingId);
      return this.issueCode(pending, user.objectId);
    }
    const permissions = pending.resources.flatMap((resource) => {
      const api = this.deps.directory.findResource(resource.apiAppId)?.api;
      return resource.values.map((value) => {
        const scope = api && this.deps.directory.findScope(api, value);
        return {
          api: api?.displayName ?? resource.apiAppId,
          scope: value,
          description: scope?.userConsentDisplayName ?? scope?.adminConsentDisplayName ?? value,
        };
      });
    });
    const html = consentPage({ pendingId, clientName: this.clientOf(pending).displayName, user, permissions });
    const formActionSource = formActionSourceOf(pending.redirectUri);
    return { kind: 'respond', response: { kind: 'html', status: 200, html, formActionSource } };
  }

  /** `api/value` of requested scopes the user has not consented to and no registration covers. */
  private missingConsent(pending: PendingAuthorization, user: DirectoryUser): string[] {
    const { state } = this.deps;
    return this.requestedScopesWhere(
      pending,
      user,
      (client, api, scope, value, consented) =>
        !scope || (!consented && !state.hasConsent(user.objectId, client.appId, api.appId, value)),
    );
  }

  /** Admin-only scopes (type Admin) that no registration grants: a user cannot consent to them. */
  private adminOnlyWithoutGrant(pending: PendingAuthorization, user: DirectoryUser): string[] {
    return this.requestedScopesWhere(pending, user, (_client, _api, scope, _value, consented) =>
      Boolean(scope?.type === 'Admin' && !consented),
    );
  }

  /** `api/value` of the requested scopes that `keep` selects; `consented`: a registration already grants it. */
  private requestedScopesWhere(
    pending: PendingAuthorization,
    user: DirectoryUser,
    keep: (
      client: ClientApp,
      api: ApiApp,
      scope: PermissionScope | undefined,
      value: string,
      consented: boolean,
    ) => boolean,
  ): string[] {
    const { directory } = this.deps;
    const client = this.clientOf(pending);
    return pending.resources.flatMap((resource) => {
      const api = directory.findResource(resource.apiAppId)?.api;
      if (!api) return [];
      return resource.values
        .filter((value) => {
          const scope = directory.findScope(api, value);
          const consented = scope !== undefined && directory.consentedInRegistrations(client, api, scope, user);
          return keep(client, api, scope, value, consented);
        })
        .map((value) => `${resource.requestedAs}/${value}`);
    });
  }

  private issueCode(pending: PendingAuthorization, userObjectId: string): AuthorizeOutcome {
    const code = newHandle('1.');
    this.deps.state.codes.set(
      code,
      {
        endpoint: pending.endpoint,
        clientId: pending.clientId,
        redirectUri: pending.redirectUri,
        platform: pending.platform,
        codeChallenge: pending.codeChallenge,
        codeChallengeMethod: pending.codeChallengeMethod,
        nonce: pending.nonce,
        userObjectId,
        oidc: pending.oidc,
        resources: pending.resources,
        authTime: Math.floor(this.deps.now() / 1000),
      },
      CODE_LIFETIME_MS,
    );
    return {
      kind: 'respond',
      response: deliverToRedirectUri(pending.redirectUri, pending.responseMode, { code, state: pending.state }),
    };
  }

  private redirectError(
    redirectUri: string,
    mode: ResponseMode,
    error: AadstsError,
    state: string | undefined,
  ): AuthorizeOutcome {
    return {
      kind: 'respond',
      response: deliverToRedirectUri(redirectUri, mode, {
        error: error.error,
        error_description: `AADSTS${error.code}: ${error.description}`,
        error_codes: String(error.code),
        state,
      }),
    };
  }

  private clientOf(pending: PendingAuthorization): ClientApp {
    const client = this.deps.directory.findClient(pending.clientId);
    if (!client) throw applicationNotFound(pending.clientId, this.deps.directory.registrations.tenant.displayName);
    return client;
  }
}

/**
 * PKCE at the authorize endpoint: SPA redirect URIs require it (AADSTS9002325) and public clients (spa,
 * publicClient) must use S256; web apps may use plain or S256 (Entra supports both), or none.
 */
function readPkce(
  challenge: string | undefined,
  method: string | undefined,
  platform: PendingAuthorization['platform'],
): { codeChallenge?: string; codeChallengeMethod?: 'S256' | 'plain' } {
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    throw invalidRequest(`code_challenge_method must be S256 or plain, not '${method}'.`);
  }
  if (!challenge) {
    if (method !== undefined) throw missingParameter('code_challenge');
    if (platform === 'spa') throw pkceRequiredForSpa();
    if (platform === 'publicClient') throw pkceS256Required('publicClient', undefined);
    return {};
  }
  // Absent method means plain (RFC 7636 §4.3).
  const effective = method ?? 'plain';
  if (platform !== 'web' && effective !== 'S256') throw pkceS256Required(platform, effective);
  const validSize = effective === 'S256' ? challenge.length === 43 : challenge.length >= 43 && challenge.length <= 128;
  if (!validSize || !PKCE_CHARS.test(challenge)) throw invalidCodeChallenge(effective);
  return { codeChallenge: challenge, codeChallengeMethod: effective };
}

function expiredPage(): AadstsError {
  return invalidRequest(
    'This sign-in page has expired or was already used (or the identity service restarted and forgot it). Go back to the app and sign in again.',
  );
}
