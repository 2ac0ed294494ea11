/**
 * The "Start here" panel above Swagger UI, as an HTML fragment: the four steps of a first call and the subscription
 * picker. Every value from configuration is escaped here; the browser inserts the fragment as it is. Pure.
 */
import type { StartGuide } from './start-guide';
import type { SubscriptionChoice } from './subscription-choices';

/** Element ids the browser script (portal-ui-script.ts) looks for. */
export const START_PANEL_ID = 'portal-start';
export const SUBSCRIPTION_PICKER_ID = 'portal-subscription';
export const SUBSCRIPTION_STATUS_ID = 'portal-subscription-status';
export const DOCTOR_LINK_ID = 'portal-doctor-link';
export const AUTHORIZE_AS_APP_ID = 'portal-authorize-app';
export const AUTHORIZE_AS_USER_ID = 'portal-authorize-user';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Renders the panel. `keys` holds the primary keys the picker may put in the page (active subscriptions, for a
 * browser on this machine); without a key, picking a subscription says where its key is instead.
 */
export function renderStartPanel(
  guide: StartGuide,
  choices: readonly SubscriptionChoice[],
  keys: ReadonlyMap<string, string> | undefined,
): string {
  const e = escapeHtml;
  const code = (text: string) => `<code>${e(text)}</code>`;
  const trust = guide.localIdentity
    ? `<li><b>Trust the dev CA</b> (once per machine): run ${code(guide.trustCommand)} and restart the browser. ` +
      `<b>Authorize</b> calls ${code(guide.identityOrigin)} from this page, and a browser that does not trust its ` +
      `certificate only says "Failed to fetch". Check: <a href="${e(guide.discoveryUrl)}" target="_blank" ` +
      `rel="noopener noreferrer">this page of the identity service</a> opens without a certificate warning.</li>`
    : '';
  const scopes = guide.apis
    .map(
      (api) =>
        `<li>${e(api.name)} (${code(api.path)}): ${api.scope ? `scope ${code(api.scope)}` : 'no scope (its policies check no audience)'}</li>`,
    )
    .join('');
  const client = guide.clientId ? `client id ${code(guide.clientId)}` : 'your client id';
  const asApp =
    `with ${client}; its secret is ${e(guide.clientSecretHint)} ` +
    `Each API has its own registration and scope (switch APIs with "Select a definition" at the top) and asks for ` +
    `its own token:<ul>${scopes}</ul>`;
  const user = guide.userSignIn;
  const authorize = user
    ? `<li><b>Authorize</b> (button below), one of two ways:<ul>` +
      `<li id="${AUTHORIZE_AS_APP_ID}"><b>As an app</b> (${code('clientCredentials')}, an app-only token: app roles ` +
      `in ${code('roles')}) ${asApp}</li>` +
      `<li id="${AUTHORIZE_AS_USER_ID}"><b>As a person</b> (${code('authorizationCode with PKCE')}, under ` +
      `${code('oauth2-user-…')}): client id ${code(user.clientId)} (the portal&#39;s SPA registration, no secret) ` +
      `and the scopes are filled in; Authorize opens the sign-in in a pop-up: ${e(user.usersHint)} The token carries ` +
      `your delegated scopes in ${code('scp')}${userScopesList(guide, code)}. An API whose policy wants app roles ` +
      `refuses it with 403 and says why.</li></ul></li>`
    : `<li><b>Authorize</b> (button below) ${asApp}</li>`;
  const picker =
    choices.length === 0
      ? ''
      : `<li><b>Pick a subscription</b>: its key goes in the subscription key header of every call. ` +
        `<select id="${SUBSCRIPTION_PICKER_ID}">${choices
          .map((choice) => subscriptionOption(choice, keys, choice.id === guide.recommendedSubscriptionId))
          .join('')}</select> <span id="${SUBSCRIPTION_STATUS_ID}" role="status"></span>` +
        (keys
          ? ''
          : ' This portal hands keys only to a browser on the gateway&#39;s machine: type the key in Authorize ' +
            `(${code('subscriptionKey')}); the keys are in config/gateway/named-values.json.`) +
        '</li>';
  const tryIt =
    '<li><b>Try it out</b> on an operation. When the gateway refuses a call, its reason (the body and any ' +
    `${code('WWW-Authenticate')} header) is shown above the response.</li>`;
  const doctor = guide.doctorUrl
    ? `<p>A token refused? <a id="${DOCTOR_LINK_ID}" href="${e(guide.doctorUrl)}">The token doctor</a> checks it ` +
      'against every API&#39;s policies, check by check, with what to do.</p>'
    : '';
  return (
    `<details id="${START_PANEL_ID}" class="portal-start" open><summary>Start here: your first call in four steps</summary>` +
    `<ol>${trust}${authorize}${picker}${tryIt}</ol>${doctor}</details>`
  );
}

/** ` (Echo API: api://…/Echo.Read.User, …; …)` for the APIs that have delegated scopes. */
function userScopesList(guide: StartGuide, code: (text: string) => string): string {
  const entries = guide.apis
    .filter((api) => api.userScopes?.length)
    .map((api) => `${escapeHtml(api.name)}: ${(api.userScopes ?? []).map(code).join(', ')}`);
  return entries.length ? ` (${entries.join('; ')})` : '';
}

function subscriptionOption(
  choice: SubscriptionChoice,
  keys: ReadonlyMap<string, string> | undefined,
  selected: boolean,
): string {
  const key = choice.state === 'active' ? keys?.get(choice.id) : undefined;
  const label = `${choice.name} (${choice.scopeLabel}; ${choice.disabledReason ?? choice.state})`;
  const attributes = [
    `value="${escapeHtml(choice.id)}"`,
    key === undefined ? '' : `data-key="${escapeHtml(key)}"`,
    choice.disabledReason ? `disabled title="${escapeHtml(choice.disabledReason)}"` : '',
    selected && !choice.disabledReason ? 'selected' : '',
  ].filter(Boolean);
  return `<option ${attributes.join(' ')}>${escapeHtml(label)}</option>`;
}
