/**
 * Browser JavaScript (ES2020, as text) shared by the portal's script and the token doctor page: a token request that
 * failed with a bare network error ("Failed to fetch") is explained. A no-cors request to the identity service tells
 * the two usual causes apart: it fails too when the browser refuses the certificate (or nothing listens), and
 * succeeds when only CORS kept the answer from the page. Needs `config.discoveryUrl`, `config.identityOrigin` and
 * `config.trustCommand` in the embedding script; `afterTrust` says what to do once the CA is trusted.
 */
export function explainTokenFailureFunction(afterTrust: string): string {
  return String.raw`function explainTokenFailure() {
    return fetch(config.discoveryUrl, { mode: 'no-cors', cache: 'no-store', credentials: 'omit' }).then(
      function () {
        return 'The identity service at ' + config.identityOrigin + ' answered, but not to this page: it does not ' +
          'allow the origin ' + window.location.origin + ' by CORS. Add it to IDENTITY_CORS_ORIGINS and restart the ' +
          'identity service, or open the portal at an allowed address.';
      },
      function () {
        return 'The browser could not reach the identity service at ' + config.identityOrigin + ': it does not trust ' +
          'the dev CA\'s certificate (or the service is not running). Run ' + config.trustCommand + ', then ' +
          ${JSON.stringify(afterTrust)} + '. To see the certificate error, open ' + config.discoveryUrl + ' once; if ' +
          'that page does not load at all, start the stack (npm start).';
      },
    );
  }`;
}
