/**
 * The ids of `config/identity/registrations.json`, named by role, so tests in every project use the default
 * registrations without copying GUIDs or secrets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseRegistrations, type RegistrationsInput } from '@stack/identity-server';

const RELATIVE_PATH = join('config', 'identity', 'registrations.json');

/** Absolute path of the repository's default registrations file (found by walking up from this folder). */
export const defaultRegistrationsPath = findUp(__dirname);

const input = JSON.parse(readFileSync(defaultRegistrationsPath, 'utf8')) as RegistrationsInput;
parseRegistrations(input, defaultRegistrationsPath); // fail early, naming the bad field, if the file was broken

function findUp(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`@stack/testing cannot find ${RELATIVE_PATH} above ${start}.`);
  }
}

function api(displayName: string) {
  const found = input.apis.find((app) => app.displayName === displayName);
  if (!found)
    throw new Error(`${defaultRegistrationsPath} has no API app named ${displayName}; @stack/testing expects it.`);
  const appIdUri = found.identifierUris?.[0] ?? found.appId;
  return {
    displayName,
    appId: found.appId,
    objectId: found.objectId,
    /** The App ID URI (`api://<appId>`). */
    appIdUri,
    /** What a client asks for: `<App ID URI>/.default`. */
    scope: `${appIdUri}/.default`,
    roles: (found.appRoles ?? []).map((role) => role.value),
    /** Token version the API receives. */
    tokenVersion: found.accessTokenAcceptedVersion === 2 ? ('2.0' as const) : ('1.0' as const),
  };
}

function client(displayName: string) {
  const found = input.clients.find((app) => app.displayName === displayName);
  if (!found)
    throw new Error(`${defaultRegistrationsPath} has no client app named ${displayName}; @stack/testing expects it.`);
  return {
    displayName,
    /** The client id. */
    appId: found.appId,
    /** Service principal object id: the token's `oid` and `sub`. */
    objectId: found.objectId,
    /** The first secret's value, or undefined for certificate-only clients. */
    secret: found.secrets?.[0]?.value,
    /** Name of the first generated certificate (`identity.clientCertificate(name)`), if any. */
    certificateName: found.certificates?.[0]?.generated,
  };
}

/** Default registrations and the ids tests need. */
export const defaultRegistrations = {
  /** The registrations object, as `startIdentityServer({ registrations })` takes it. */
  input,
  tenantId: input.tenant.id,
  tenantDomain: input.tenant.domain,
  apis: {
    /** `ago-apiproxy-oauth-app`: v2.0 tokens, roles Echo.Read and Echo.Write. */
    apiProxy: api('ago-apiproxy-oauth-app'),
    /** `ago-legacyapi-oauth-app`: v1.0 tokens, roles Reports.Read and Reports.Write, assignment required. */
    legacyApi: api('ago-legacyapi-oauth-app'),
  },
  clients: {
    /** `ago-apiclient-oauth-app`: secret; Echo.Read + Echo.Write on apiProxy, Reports.Read on legacyApi. */
    apiClient: client('ago-apiclient-oauth-app'),
    /** `ago-norole-oauth-app`: secret, no role anywhere (tokens without `roles`, 403 at the APIs). */
    noRoleClient: client('ago-norole-oauth-app'),
    /** `ago-certclient-oauth-app`: generated certificate; Echo.Read on apiProxy, Reports.Read + Reports.Write on legacyApi. */
    certificateClient: client('ago-certclient-oauth-app'),
    /** `ago-expired-oauth-app`: only an expired secret (AADSTS7000222). */
    expiredSecretClient: client('ago-expired-oauth-app'),
    /** `ago-gateway-identity-app`: the gateway's own identity (managed identity stand-in); Gateway.Relay on apiProxy. */
    gatewayIdentity: client('ago-gateway-identity-app'),
  },
} as const;
