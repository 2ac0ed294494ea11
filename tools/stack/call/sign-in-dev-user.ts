/**
 * Signs a dev user in headlessly through the local identity service's authorization code flow with PKCE, exactly as
 * a browser would: the authorize URL, the sign-in page's form for that user, the consent page when one is shown,
 * the redirect carrying the code (read, never followed), then the code redeemed with its verifier. Nothing is
 * bypassed: a user or client the service does not know fails here as it would in a browser. Used by
 * `npm run call -- --user <upn>` and by `npm run demo`.
 *
 * A SPA client (the developer portal's) redeems its code cross-origin as a browser does, so the redemption carries
 * the Origin of its redirect URI (Entra refuses SPA codes without one: AADSTS9002327); a web client sends its
 * secret instead. undici's fetch: the caller installs a dispatcher trusting the stack's development CA.
 */
import { randomBytes } from 'node:crypto';
import { fetch } from 'undici';
import { createPkce } from './pkce';
import { consentingClient, formsOf, headingOf, offeredUsers, pageError, type PageForm } from './sign-in-page';

export interface DevUserSignIn {
  /** `https://localhost:5443/<tenant id>`: the identity service and tenant. */
  readonly authority: string;
  readonly client:
    | { readonly platform: 'spa'; readonly appId: string; readonly redirectUri: string }
    | { readonly platform: 'web'; readonly appId: string; readonly redirectUri: string; readonly secret: string };
  /** Space-separated delegated scopes, e.g. `api://<appId>/Echo.Read.User`. */
  readonly scope: string;
  /** The dev user's objectId (the sign-in page's form value) and UPN (sent as login_hint, named in errors). */
  readonly user: { readonly objectId: string; readonly userPrincipalName: string };
  /** Told when the consent page was accepted on the user's behalf (a client that is not pre-authorized). */
  readonly onConsent?: (clientName: string) => void;
}

export interface SignedInUser {
  readonly accessToken: string;
  /** The scopes granted, as the token response reports them. */
  readonly scope: string;
}

/** The sign-in could not finish; the message says where it stopped and why. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
}

interface PageAnswer {
  readonly url: string;
  readonly status: number;
  readonly location?: string;
  readonly html: string;
}

export async function signInDevUser(request: DevUserSignIn): Promise<SignedInUser> {
  const pkce = createPkce();
  const state = randomBytes(16).toString('base64url');
  const authorizeUrl = new URL(`${request.authority}/oauth2/v2.0/authorize`);
  authorizeUrl.search = new URLSearchParams({
    client_id: request.client.appId,
    response_type: 'code',
    redirect_uri: request.client.redirectUri,
    response_mode: 'query',
    scope: request.scope,
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
    login_hint: request.user.userPrincipalName,
  }).toString();

  const authorize = await open(authorizeUrl.toString(), undefined, 'the authorize endpoint');
  // A redirect straight away carries an error for the client (an unknown scope...), never a code: no session here.
  const answer = authorize.location ? authorize : await pickUser(authorize, request);
  const code = codeFrom(answer, request.client.redirectUri, state);
  return redeem(request, code, pkce.verifier);
}

/** Submits the sign-in page's form for the user, then accepts the consent page when one is shown. */
async function pickUser(signInPage: PageAnswer, request: DevUserSignIn): Promise<PageAnswer> {
  const userForm = formsOf(signInPage.html, signInPage.url).find((f) => f.fields['user'] === request.user.objectId);
  if (!userForm) {
    const offered = offeredUsers(signInPage.html);
    throw new SignInError(
      `The sign-in page offers no account for ${request.user.userPrincipalName} (${request.user.objectId}); ` +
        `it offers: ${offered.join(', ') || 'none'}. Is the running identity service using the same registrations?`,
    );
  }
  const answer = await open(userForm.action, userForm.fields, 'the sign-in page');
  if (answer.status !== 200 || headingOf(answer.html) !== 'Permissions requested') return answer;
  const consent = formsOf(answer.html, answer.url)[0] as PageForm;
  request.onConsent?.(consentingClient(answer.html) ?? request.client.appId);
  return open(consent.action, { ...consent.fields, decision: 'accept' }, 'the consent page');
}

/** GETs a URL, or POSTs a form to it; never follows a redirect (the redirect URI is not ours to open). */
async function open(url: string, form: Record<string, string> | undefined, what: string): Promise<PageAnswer> {
  const response = await send(
    url,
    {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: form ? new URLSearchParams(form).toString() : undefined,
    },
    what,
  );
  const answer: PageAnswer = {
    url,
    status: response.status,
    location: response.headers.get('location') ?? undefined,
    html: await response.text(),
  };
  const error = pageError(answer.html);
  if (error) throw new SignInError(`${what} showed an error: ${error}`);
  if (answer.status !== 200 && !answer.location) {
    throw new SignInError(`${what} answered ${answer.status}: ${answer.html.slice(0, 300)}`);
  }
  return answer;
}

/** The code of the final redirect to the client's redirect URI, or the error it carries instead. */
function codeFrom(answer: PageAnswer, redirectUri: string, state: string): string {
  if (!answer.location) {
    throw new SignInError(`Expected a redirect to ${redirectUri}, got ${answer.status} "${headingOf(answer.html)}".`);
  }
  const location = new URL(answer.location, answer.url);
  if (`${location.origin}${location.pathname}` !== redirectUri) {
    throw new SignInError(`Expected a redirect to ${redirectUri}, got one to ${location.origin}${location.pathname}.`);
  }
  const params = location.searchParams;
  const error = params.get('error');
  if (error)
    throw new SignInError(`The identity service refused the sign-in: ${params.get('error_description') ?? error}`);
  if (params.get('state') !== state) throw new SignInError('The redirect carried another state than the one sent.');
  const code = params.get('code');
  if (!code) throw new SignInError(`The redirect to ${redirectUri} carried no code.`);
  return code;
}

async function redeem(request: DevUserSignIn, code: string, verifier: string): Promise<SignedInUser> {
  const { client } = request;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: client.appId,
    redirect_uri: client.redirectUri,
    code,
    code_verifier: verifier,
    scope: request.scope,
  });
  if (client.platform === 'web') body.set('client_secret', client.secret);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client.platform === 'spa') headers['origin'] = new URL(client.redirectUri).origin;
  const tokenUrl = `${request.authority}/oauth2/v2.0/token`;
  const response = await send(tokenUrl, { method: 'POST', headers, body }, 'the token endpoint');
  const json = (await response.json().catch(() => ({}))) as {
    access_token?: string;
    scope?: string;
    error?: string;
    error_description?: string;
  };
  if (!json.access_token) {
    const reason = json.error_description ?? json.error ?? `status ${response.status}`;
    throw new SignInError(`The token endpoint refused the code: ${reason}`);
  }
  return { accessToken: json.access_token, scope: json.scope ?? '' };
}

/** fetch, with a network failure (service down, untrusted certificate) said as a {@link SignInError}. */
async function send(url: string, init: Parameters<typeof fetch>[1], what: string) {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new SignInError(`${what} (${new URL(url).origin}) cannot be reached: ${reason}. Is the stack running?`);
  }
}
