/**
 * The portal's own script, served at /docs/portal-ui.js after Swagger UI's: inserts the "Start here" panel, wires the
 * subscription picker, shows the gateway's reason under a refused call, and replaces Swagger UI's bare "Failed to
 * fetch" on Authorize with what to do (trust the dev CA, or allow the origin). Plain browser JavaScript (ES2020),
 * kept as text: the gateway bundle has no browser build.
 *
 * It wraps the global SwaggerUIBundle before @nestjs/swagger's init script calls it on window load, so its plugin and
 * settings join the ones from swaggerOptions. For sign-in (authorization code with PKCE) it sets the redirect URL on
 * the page's own origin and gives each authorization code dialog the SPA client id and its scopes pre-ticked.
 */

import { explainTokenFailureFunction } from './explain-token-failure-script';

/** What the script needs from the server (serialised as JSON into it). */
export interface PortalUiConfig {
  /** The start panel fragment's URL, e.g. `/docs/start`. */
  readonly startUrl: string;
  /** Origin of the token endpoint (`https://localhost:5443`). */
  readonly identityOrigin: string;
  /** A page of the identity service to open once (shows the certificate error when there is one). */
  readonly discoveryUrl: string;
  readonly trustCommand: string;
  /** Security scheme name of the subscription key. */
  readonly subscriptionKeyScheme: string;
  /** The token doctor page (`/docs/doctor`), linked under a 401/403; absent when the portal has none. */
  readonly doctorUrl?: string;
  /**
   * Swagger UI's redirect page (`/docs/oauth2-redirect.html`), on the origin the browser uses (localhost or 127.0.0.1,
   * any port): the redirect URI of the sign-in. Absent: no user sign-in.
   */
  readonly oauth2RedirectPath?: string;
  /** The SPA client id put in the dialogs of authorization code schemes (initOAuth's one id is the app client's). */
  readonly userClientId?: string;
}

/** The script for `config`. JSON in it is escaped so no value can end the script or break out of a string. */
export function portalUiScript(config: PortalUiConfig): string {
  const json = JSON.stringify(config).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return SCRIPT.replace('__PORTAL_CONFIG__', () => json);
}

/** Class names the browser test and the stylesheet use. */
export const FAILURE_REASON_CLASS = 'portal-failure-reason';
export const AUTH_HELP_CLASS = 'portal-auth-help';

const SCRIPT = String.raw`(function () {
  'use strict';
  var config = __PORTAL_CONFIG__;

  // The start panel: a server-rendered fragment (values escaped there) above Swagger UI.
  function insertStartPanel(ui) {
    fetch(config.startUrl, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement('div');
        holder.className = 'portal-start-holder';
        holder.innerHTML = html;
        var root = document.getElementById('swagger-ui');
        root.parentNode.insertBefore(holder, root);
        wirePicker(ui, holder);
      })
      .catch(function (error) {
        console.warn('developer portal: the start panel did not load (' + error.message + ')');
      });
  }

  function wirePicker(ui, holder) {
    var picker = holder.querySelector('#portal-subscription');
    var status = holder.querySelector('#portal-subscription-status');
    if (!picker) return;
    function apply() {
      var option = picker.options[picker.selectedIndex];
      if (!option || option.disabled) return;
      var key = option.getAttribute('data-key');
      if (!key) {
        status.textContent = 'Type this subscription\'s key in Authorize (subscriptionKey).';
        return;
      }
      // preauthorizeApiKey returns nothing useful (Swagger UI's authorize wrapper): look for the scheme first.
      var spec = ui.specSelectors.specJson();
      if (!spec || !spec.getIn(['components', 'securitySchemes', config.subscriptionKeyScheme])) {
        status.textContent = spec && spec.size ? 'This API takes no subscription key.' : '';
        return;
      }
      ui.preauthorizeApiKey(config.subscriptionKeyScheme, key);
      status.textContent = 'Using the key of "' + option.value + '" (Authorize shows it under subscriptionKey).';
    }
    picker.addEventListener('change', apply);
    // Once the definition is loaded, the recommended subscription is applied (and again after switching APIs).
    picker.portalApply = apply;
    apply();
  }

  // Why the gateway refused a call: its answer's reason, next to Swagger UI's response.
  function failureReason(React, response) {
    var status = response && response.get('status');
    if (!status || status < 400) return null;
    var headers = (response.get('headers') && response.get('headers').toJS()) || {};
    var challenge = headers['www-authenticate'] || headers['WWW-Authenticate'];
    var text = response.get('text');
    if (typeof text !== 'string') text = text == null ? '' : String(text);
    var message = '';
    try {
      var parsed = JSON.parse(text);
      if (parsed && typeof parsed.message === 'string') message = parsed.message;
    } catch (ignored) {
      message = '';
    }
    var rows = [React.createElement('b', { key: 'title' }, 'The gateway answered ' + status + (message ? ': ' + message : ''))];
    if (challenge) {
      rows.push(React.createElement('div', { key: 'challenge' }, 'WWW-Authenticate: ', React.createElement('code', null, String(challenge))));
    }
    if (text) rows.push(React.createElement('pre', { key: 'body' }, text.length > 4000 ? text.slice(0, 4000) + '…' : text));
    if (status === 401 && /audience/i.test(text)) {
      rows.push(React.createElement('div', { key: 'hint' }, 'The token was issued for another API: Authorize again on this API with its own scope.'));
    }
    if ((status === 401 || status === 403) && config.doctorUrl) {
      rows.push(React.createElement('div', { key: 'doctor' }, 'Why, check by check: paste the token into the ',
        React.createElement('a', { href: config.doctorUrl, target: '_blank', rel: 'noopener' }, 'token doctor'), '.'));
    }
    return React.createElement('div', { className: 'portal-failure-reason', role: 'alert' }, rows);
  }

  // Swagger UI (and fetch) report any network failure as "Failed to fetch": say which of the usual causes it is.
  ${explainTokenFailureFunction('restart the browser and Authorize again')}

  function PortalPlugin(system) {
    return {
      statePlugins: {
        err: {
          wrapActions: {
            newAuthErr: function (original) {
              return function (error) {
                var message = error && String(error.message || '');
                if (!/Failed to fetch/i.test(message)) return original(error);
                return explainTokenFailure().then(function (help) {
                  original(Object.assign({}, error, { message: help + ' (Swagger UI: ' + message + ')' }));
                  var box = document.querySelector('.portal-auth-help');
                  if (!box) {
                    box = document.createElement('div');
                    box.className = 'portal-auth-help';
                    box.setAttribute('role', 'alert');
                    var panel = document.querySelector('.portal-start-holder') || document.getElementById('swagger-ui');
                    panel.parentNode.insertBefore(box, panel);
                  }
                  box.textContent = help;
                });
              };
            },
          },
        },
        spec: {
          wrapActions: {
            // After a definition loads (also after switching APIs), put the picked key into its subscriptionKey.
            updateJsonSpec: function (original) {
              return function (spec) {
                var result = original(spec);
                setTimeout(function () {
                  var picker = document.getElementById('portal-subscription');
                  if (picker && picker.portalApply) picker.portalApply();
                }, 0);
                return result;
              };
            },
          },
        },
      },
      wrapComponents: {
        // Swagger UI has one client id (initOAuth) for every OAuth dialog: the user schemes get the SPA client's, and
        // all their scopes ticked (the API's delegated scopes and OpenID Connect's), so signing in is one click.
        oauth2: function (Original) {
          return function (props) {
            var React = system.React;
            var flow = props.schema && props.schema.get('flow');
            if (flow !== 'authorizationCode' || !config.userClientId) return React.createElement(Original, props);
            var scopes = props.schema.get('scopes');
            var own = { clientId: config.userClientId, scopes: scopes ? Array.from(scopes.keys()) : [] };
            var selectors = Object.assign({}, props.authSelectors, {
              getConfigs: function () {
                return Object.assign({}, props.authSelectors.getConfigs(), own);
              },
            });
            return React.createElement(Original, Object.assign({}, props, { authSelectors: selectors }));
          };
        },
        liveResponse: function (Original) {
          return function (props) {
            var React = system.React;
            return React.createElement('div', null, failureReason(React, props.response), React.createElement(Original, props));
          };
        },
      },
    };
  }

  var original = window.SwaggerUIBundle;
  if (typeof original !== 'function') return;
  function PortalSwaggerUIBundle(options) {
    var settings = { plugins: (options.plugins || []).concat([PortalPlugin]) };
    // The registered SPA redirect URI on this page's origin (the identity matches loopback ones on any port).
    if (config.oauth2RedirectPath) settings.oauth2RedirectUrl = window.location.origin + config.oauth2RedirectPath;
    var ui = original(Object.assign({}, options, settings));
    insertStartPanel(ui);
    return ui;
  }
  Object.keys(original).forEach(function (name) {
    PortalSwaggerUIBundle[name] = original[name];
  });
  window.SwaggerUIBundle = PortalSwaggerUIBundle;
})();
`;

/** The stylesheet for the start panel and the reason boxes (Swagger UI's look). */
export const PORTAL_CSS = `
.portal-start { max-width: 1460px; margin: 16px auto 0; padding: 12px 20px; border: 1px solid #49cc90; border-radius: 4px;
  background: #f0faf5; font-family: sans-serif; font-size: 14px; color: #3b4151; }
.portal-start summary { font-weight: bold; font-size: 16px; cursor: pointer; }
.portal-start li { margin: 6px 0; }
.portal-start select { max-width: 100%; }
.portal-auth-help, .${FAILURE_REASON_CLASS} { border: 1px solid #f93e3e; border-radius: 4px; background: #fff1f1;
  padding: 8px 12px; margin: 8px 0; font-family: sans-serif; font-size: 14px; color: #3b4151; white-space: pre-wrap; }
.portal-auth-help { max-width: 1460px; margin: 16px auto 0; }
.${FAILURE_REASON_CLASS} pre { white-space: pre-wrap; word-break: break-all; margin: 6px 0 0; }
`;
