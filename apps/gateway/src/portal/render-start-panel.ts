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
  const authorize =
    `<li><b>Authorize</b> (button below) with ${client}; its secret is ${e(guide.clientSecretHint)} ` +
    `Each API has its own registration and scope (switch APIs with "Select a definition" at the top) and asks for ` +
    `its own token:<ul>${scopes}</ul></li>`;
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
