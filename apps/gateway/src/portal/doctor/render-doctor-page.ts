/**
 * The token doctor's page (`/docs/doctor`): paste a token or get one with client credentials, then see every API's
 * checks. The shell is rendered here with every configured value escaped; the report is drawn by the page's script
 * with `textContent` only (claims are hostile input and never become markup). The page's settings travel as JSON in
 * a non-executed `<script type="application/json">`, escaped so no value can close it. Pure.
 */
import { escapeHtml } from '../render-start-panel';

/** One API the page can get a token for. */
export interface DoctorPageApi {
  readonly id: string;
  readonly name: string;
  /** The scope a token for it is asked with (`<App ID URI>/.default`); absent: it cannot be got from here. */
  readonly scope?: string;
}

/** What the page shows and its script needs. */
export interface DoctorPageSettings {
  readonly portalUrl: string;
  readonly diagnoseUrl: string;
  readonly scriptUrl: string;
  readonly styleUrl: string;
  readonly tokenUrl: string;
  readonly identityOrigin: string;
  readonly discoveryUrl: string;
  readonly trustCommand: string;
  readonly clientId?: string;
  readonly clientSecretHint: string;
  readonly apis: readonly DoctorPageApi[];
}

/** Element ids the script and the browser test use. */
export const DOCTOR_IDS = {
  config: 'doctor-config',
  token: 'doctor-token',
  diagnose: 'doctor-diagnose',
  api: 'doctor-api',
  clientId: 'doctor-client-id',
  clientSecret: 'doctor-client-secret',
  obtain: 'doctor-obtain',
  status: 'doctor-status',
  results: 'doctor-results',
} as const;

/** JSON safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderDoctorPage(settings: DoctorPageSettings): string {
  const e = escapeHtml;
  const ids = DOCTOR_IDS;
  const obtainable = settings.apis.filter((api) => api.scope !== undefined);
  const options = obtainable
    .map(
      (api) =>
        `<option value="${e(api.id)}" data-scope="${e(api.scope ?? '')}">${e(api.name)} (${e(api.scope ?? '')})</option>`,
    )
    .join('');
  const script = {
    diagnoseUrl: settings.diagnoseUrl,
    tokenUrl: settings.tokenUrl,
    identityOrigin: settings.identityOrigin,
    discoveryUrl: settings.discoveryUrl,
    trustCommand: settings.trustCommand,
  };
  const obtain =
    obtainable.length === 0
      ? '<p>No API names a scope, so the page cannot ask for a token: paste one above.</p>'
      : `<p>Or get a token the way the portal&#39;s <b>Authorize</b> does (client credentials from this browser; the ` +
        `secret goes to the identity service only, never to the gateway, and is not kept):</p>` +
        `<div class="doctor-obtain-row"><label>API <select id="${ids.api}">${options}</select></label>` +
        `<label>client id <input id="${ids.clientId}" autocomplete="off" spellcheck="false" value="${e(settings.clientId ?? '')}"></label>` +
        `<label>client secret <input id="${ids.clientSecret}" type="password" autocomplete="off"></label>` +
        `<button type="button" id="${ids.obtain}">Get a token and diagnose it</button></div>` +
        `<p class="doctor-note">The secret is ${e(settings.clientSecretHint)}</p>`;
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Token doctor — API gateway</title>' +
    `<link rel="stylesheet" href="${e(settings.styleUrl)}"></head><body>` +
    `<header><h1>Token doctor</h1><a href="${e(settings.portalUrl)}">Back to the developer portal</a></header>` +
    '<main><p>Why does the gateway accept or refuse a token? The doctor decodes it, verifies its signature with the ' +
    'keys the gateway uses, and checks it against each API&#39;s <code>validate-jwt</code> and ' +
    '<code>validate-azure-ad-token</code> policies, as the gateway loaded them. Each check passes, fails or is ' +
    'skipped, with what to do about a failure and the answer the gateway would give. The same check runs in a ' +
    'terminal: <code>npm run doctor -- &lt;token&gt; --api &lt;id&gt;</code>.</p>' +
    `<section class="doctor-input"><label for="${ids.token}"><b>Access token</b> (with or without ` +
    '<code>Bearer </code>; it is sent to this gateway only and never shown back)</label>' +
    `<textarea id="${ids.token}" rows="5" spellcheck="false" autocomplete="off" placeholder="eyJ0eXAiOiJKV1Qi…"></textarea>` +
    `<button type="button" id="${ids.diagnose}">Diagnose</button>${obtain}</section>` +
    `<p id="${ids.status}" role="status"></p><div id="${ids.results}" aria-live="polite"></div></main>` +
    `<script type="application/json" id="${ids.config}">${scriptSafeJson(script)}</script>` +
    `<script src="${e(settings.scriptUrl)}"></script></body></html>`
  );
}

/**
 * The page's Content-Security-Policy: its own script and stylesheet only, requests to the gateway and the identity
 * service (the token endpoint and the trust probe), no frames, no forms, no inline script.
 */
export function doctorPageCsp(identityOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${identityOrigin}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
