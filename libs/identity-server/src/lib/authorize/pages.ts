/**
 * The server-rendered pages of the local sign-in: pick a dev user, consent, or read an error that cannot be sent
 * to the app. Plain HTML forms, no script, every value escaped. They say plainly that there are no passwords and
 * that this is for local development only.
 */
import type { AadstsError } from '../errors/aadsts-error';
import type { DirectoryUser } from '../registrations/registrations.schema';
import { escapeHtml as e } from './html';

/** Paths the pages post to (tenant-independent: the pending request knows its tenant). */
export const SIGN_IN_PATH = '/local-sign-in/select';
export const CONSENT_PATH = '/local-sign-in/consent';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.warn{background:#fff4ce;border:1px solid #e5c65a;padding:.6rem .8rem;border-radius:4px}
form.user{margin:.5rem 0}button{font-size:1rem;padding:.6rem 1rem;width:100%;text-align:left;cursor:pointer}
.hint{font-weight:bold}.upn{color:#555;font-size:.9rem}code{word-break:break-all}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(title)}</h1>
<p class="warn"><strong>Local development only.</strong> This is the stack's local identity service, not Microsoft
Entra ID. There are no passwords: anyone who can reach this page can sign in as any dev user listed here.</p>
${body}
</body></html>`;
}

/** What the sign-in page shows. */
export interface SignInPageInput {
  readonly pendingId: string;
  readonly clientName: string;
  readonly users: readonly DirectoryUser[];
  /** A `login_hint` that matched a user: listed first and marked. */
  readonly hintedUserId?: string;
}

/** The account picker: one form (one button) per dev user. */
export function signInPage(input: SignInPageInput): string {
  const users = [...input.users].sort(
    (a, b) => Number(b.objectId === input.hintedUserId) - Number(a.objectId === input.hintedUserId),
  );
  const forms = users
    .map(
      (user) => `<form class="user" method="post" action="${SIGN_IN_PATH}">
  <input type="hidden" name="interaction" value="${e(input.pendingId)}">
  <input type="hidden" name="user" value="${e(user.objectId)}">
  <button type="submit"${user.objectId === input.hintedUserId ? ' class="hint" autofocus' : ''}>${e(user.displayName)}
  <span class="upn">${e(user.userPrincipalName)}</span></button>
</form>`,
    )
    .join('\n');
  const list = users.length
    ? forms
    : '<p>No users are registered: add some to <code>users</code> in config/identity/registrations.json.</p>';
  return page('Pick an account', `<p>Sign in to <strong>${e(input.clientName)}</strong> as:</p>\n${list}`);
}

/** What the consent page shows. */
export interface ConsentPageInput {
  readonly pendingId: string;
  readonly clientName: string;
  readonly user: DirectoryUser;
  /** Permission descriptions, one per requested scope needing consent. */
  readonly permissions: readonly { readonly api: string; readonly scope: string; readonly description: string }[];
}

/** The consent prompt: accept or cancel. */
export function consentPage(input: ConsentPageInput): string {
  const items = input.permissions
    .map((p) => `<li><strong>${e(p.description)}</strong><br><span class="upn">${e(p.api)}: ${e(p.scope)}</span></li>`)
    .join('\n');
  return page(
    'Permissions requested',
    `<p><strong>${e(input.clientName)}</strong> asks ${e(input.user.displayName)}
<span class="upn">(${e(input.user.userPrincipalName)})</span> for these permissions:</p>
<ul>${items}</ul>
<p>Accepting records your consent for this app in the service's memory (a restart forgets it).</p>
<form method="post" action="${CONSENT_PATH}">
  <input type="hidden" name="interaction" value="${e(input.pendingId)}">
  <button type="submit" name="decision" value="accept">Accept</button>
  <button type="submit" name="decision" value="cancel">Cancel</button>
</form>`,
  );
}

/** An error that is not sent to the app (unknown client, unregistered redirect URI, expired page...). */
export function errorPage(
  error: AadstsError,
  ids: { traceId: string; correlationId: string },
  timestamp: string,
): string {
  return page(
    "Sorry, but we're having trouble signing you in.",
    `<p><strong>AADSTS${error.code}</strong>: ${e(error.description)}</p>
<p class="upn">error: ${e(error.error)}<br>Trace ID: ${e(ids.traceId)}<br>Correlation ID: ${e(ids.correlationId)}<br>
Timestamp: ${e(timestamp)}</p>`,
  );
}
