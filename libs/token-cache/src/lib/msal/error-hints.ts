/** What to change for the AADSTS codes a client-credentials caller meets most (entra.md §3). */
const HINTS: Readonly<Record<string, string>> = {
  AADSTS7000215: 'The client secret is wrong: use the secret value (not the secret ID) of this client registration.',
  AADSTS7000222: 'The client secret has expired: create a new secret for the client registration and configure it.',
  AADSTS7000218: 'No credential was sent: configure a client secret or a certificate.',
  AADSTS700016: 'No application has this client id in the tenant: check the client id and the tenant in the authority.',
  AADSTS90002: 'The tenant does not exist: check the tenant id in the authority URL.',
  AADSTS500011: 'The resource of the scope is not registered in the tenant: check the App ID URI in the scope.',
  AADSTS1002012: 'Client-credentials scopes must end with /.default, e.g. api://<app id>/.default.',
  AADSTS70011: 'The scope is not valid: use the API App ID URI followed by /.default.',
  AADSTS700027:
    'The client assertion signature did not validate: use the private key of the certificate registered for this client.',
  AADSTS700024: "The client assertion is outside its validity window: check this machine's clock.",
  AADSTS50105: 'The client has no app role assignment on the API: grant it an application permission (app role).',
  AADSTS501051: 'The client has no app role assignment on the API: grant it an application permission (app role).',
};

/** A sentence saying what to fix for a known AADSTS code, or `undefined`. */
export function hintFor(code: string): string | undefined {
  return HINTS[code];
}
