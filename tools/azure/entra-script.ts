/**
 * The Entra half of "take it to Azure": the app registrations of config/identity/registrations.json as `az` CLI
 * commands, and Microsoft Graph calls (`az rest`) where az has no command (token version, assignment required, app
 * role assignments). Entra assigns new appIds and object ids, so the script keeps them in shell variables; secrets
 * are new ones made by Entra, never the file's DEV ONLY values.
 */
import { createHash } from 'node:crypto';
import type { ApiApp, ClientApp, Registrations } from '@stack/identity-server';
import { shellComment, shellQuote } from './shell-quote';

export const GRAPH = 'https://graph.microsoft.com/v1.0';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shell variables that hold what Entra assigned to one local registration. */
export interface AppVariables {
  readonly appId: string;
  readonly objectId: string;
  readonly spId: string;
}

export interface EntraScriptOptions {
  /** The tenant the script must run in; the script stops when `az account show` names another. */
  readonly tenant?: string;
}

/** Shell variable names by local appId, so later steps (role assignments, named values, env) can refer to them. */
export function appVariables(registrations: Registrations): Map<string, AppVariables> {
  const names = new Map<string, AppVariables>();
  const add = (appId: string, prefix: string) =>
    names.set(appId.toLowerCase(), {
      appId: `${prefix}_APP_ID`,
      objectId: `${prefix}_OBJECT_ID`,
      spId: `${prefix}_SP_ID`,
    });
  registrations.apis.forEach((api, index) => add(api.appId, `API_${index + 1}`));
  registrations.clients.forEach((client, index) => add(client.appId, `CLIENT_${index + 1}`));
  return names;
}

/** The variables of a registration of the file (every app has some: {@link appVariables} names them all). */
export function variablesOf(vars: Map<string, AppVariables>, appId: string): AppVariables {
  const found = vars.get(appId.toLowerCase());
  if (!found) throw new Error(`no app registration with appId ${appId}`);
  return found;
}

/** The commands, one string per line. */
export function entraScript(registrations: Registrations, options: EntraScriptOptions = {}): string[] {
  const vars = appVariables(registrations);
  const lines: string[] = [
    '# --- Entra ID: app registrations, service principals, app roles, role assignments, credentials ---',
    'TENANT_ID=$(az account show --query tenantId -o tsv)',
  ];
  if (options.tenant !== undefined) {
    const tenant = shellQuote(options.tenant);
    // A tenant id compares with az's; a domain must be one of the signed-in tenant's verified domains.
    const elsewhere = GUID.test(options.tenant)
      ? `[ "$TENANT_ID" != ${tenant} ]`
      : `! az rest --method GET --uri "${GRAPH}/domains/"${tenant} --query id -o tsv >/dev/null 2>&1`;
    lines.push(
      `if ${elsewhere}; then`,
      `  echo "az is signed in to tenant $TENANT_ID, not "${tenant}": run az login --tenant "${tenant} >&2`,
      '  exit 1',
      'fi',
    );
  }
  lines.push('echo "Creating the app registrations in tenant $TENANT_ID" >&2', '');
  for (const api of registrations.apis) lines.push(...apiCommands(api, variablesOf(vars, api.appId)), '');
  for (const client of registrations.clients) {
    lines.push(...clientCommands(client, variablesOf(vars, client.appId)), '');
  }
  lines.push('# App role assignments (application permissions granted with admin consent): client SP -> API SP.');
  for (const assignment of registrations.roleAssignments) {
    const api = registrations.apis.find((a) => a.appId.toLowerCase() === assignment.api.toLowerCase());
    const client = vars.get(assignment.client.toLowerCase());
    const resource = vars.get(assignment.api.toLowerCase());
    if (!api || !client || !resource) continue; // parseRegistrations already refused assignments to unknown apps
    for (const role of assignment.roles) {
      const appRoleId = roleId(api, role);
      lines.push(
        shellComment(`${role} of ${api.displayName} for client ${assignment.client} (local appId)`),
        `retry az rest --method POST --uri "${GRAPH}/servicePrincipals/$${resource.spId}/appRoleAssignedTo" ` +
          `--headers Content-Type=application/json ` +
          `--body '{"principalId":"'"$${client.spId}"'","resourceId":"'"$${resource.spId}"'","appRoleId":"${appRoleId}"}'`,
      );
    }
  }
  lines.push(...preAuthorized(registrations, vars));
  return lines;
}

/** Delegated scopes (`api.oauth2PermissionScopes`), ids kept, when the API has any. */
function scopes(api: ApiApp): { oauth2PermissionScopes?: unknown[] } {
  if (api.oauth2PermissionScopes.length === 0) return {};
  return {
    oauth2PermissionScopes: api.oauth2PermissionScopes.map((scope) => ({
      id: scope.id,
      value: scope.value,
      type: scope.type,
      isEnabled: scope.isEnabled,
      adminConsentDisplayName: scope.adminConsentDisplayName,
      adminConsentDescription: scope.adminConsentDescription ?? scope.adminConsentDisplayName,
      ...(scope.userConsentDisplayName ? { userConsentDisplayName: scope.userConsentDisplayName } : {}),
      ...(scope.userConsentDescription ? { userConsentDescription: scope.userConsentDescription } : {}),
    })),
  };
}

/** Pre-authorized clients name the clients' new appIds, so they come after every app exists. */
function preAuthorized(registrations: Registrations, vars: Map<string, AppVariables>): string[] {
  const lines: string[] = [];
  for (const api of registrations.apis) {
    if (api.preAuthorizedApplications.length === 0) continue;
    const entries = api.preAuthorizedApplications.map((entry) => {
      const known = vars.get(entry.appId.toLowerCase());
      const appId = known ? `'"$${known.appId}"'` : entry.appId;
      return `{"appId":"${appId}","delegatedPermissionIds":${JSON.stringify(entry.delegatedPermissionIds)}}`;
    });
    lines.push(
      shellComment(`pre-authorized clients of ${api.displayName}`),
      `az rest --method PATCH --uri "${GRAPH}/applications/$${variablesOf(vars, api.appId).objectId}" ` +
        `--headers Content-Type=application/json --body '{"api":{"preAuthorizedApplications":[${entries.join(',')}]}}'`,
    );
  }
  return lines;
}

function apiCommands(api: ApiApp, v: AppVariables): string[] {
  const roles = api.appRoles.map((role) => ({
    allowedMemberTypes: ['Application'],
    description: role.description ?? role.displayName ?? role.value,
    displayName: role.displayName ?? role.value,
    id: roleId(api, role.value),
    isEnabled: true,
    value: role.value,
  }));
  // null or 1: v1.0 tokens; 2: v2.0 tokens (Graph: api.requestedAccessTokenVersion, manifest: accessTokenAcceptedVersion).
  const version = api.accessTokenAcceptedVersion === 2 ? 2 : null;
  const uris = api.identifierUris.map((uri) => identifierUri(uri, api.appId, v.appId));
  return [
    shellComment(
      `API app ${api.displayName} (local appId ${api.appId}): roles ${api.appRoles.map((r) => r.value).join(', ') || 'none'}, v${version ?? 1} tokens`,
    ),
    ...refuseExisting(api.displayName),
    `${v.appId}=$(az ad app create --display-name ${shellQuote(api.displayName)} --sign-in-audience AzureADMyOrg ` +
      `--app-roles ${shellQuote(JSON.stringify(roles))} --query appId -o tsv)`,
    `${v.objectId}=$(az ad app show --id "$${v.appId}" --query id -o tsv)`,
    ...(uris.length > 0 ? [`az ad app update --id "$${v.appId}" --identifier-uris ${uris.join(' ')}`] : []),
    `az rest --method PATCH --uri "${GRAPH}/applications/$${v.objectId}" --headers Content-Type=application/json ` +
      `--body ${shellQuote(JSON.stringify({ api: { requestedAccessTokenVersion: version, ...scopes(api) } }))}`,
    `${v.spId}=$(az ad sp create --id "$${v.appId}" --query id -o tsv)`,
    `retry az rest --method PATCH --uri "${GRAPH}/servicePrincipals/$${v.spId}" --headers Content-Type=application/json ` +
      `--body '${JSON.stringify({ appRoleAssignmentRequired: api.appRoleAssignmentRequired })}'`,
  ];
}

function clientCommands(client: ClientApp, v: AppVariables): string[] {
  const lines = [
    shellComment(`Client app ${client.displayName} (local appId ${client.appId})`),
    ...refuseExisting(client.displayName),
    `${v.appId}=$(az ad app create --display-name ${shellQuote(client.displayName)} --sign-in-audience AzureADMyOrg --query appId -o tsv)`,
    `${v.spId}=$(az ad sp create --id "$${v.appId}" --query id -o tsv)`,
  ];
  const { web, spa, publicClient } = client.redirectUris;
  if (web.length + spa.length + publicClient.length > 0) {
    const body = {
      web: { redirectUris: web },
      spa: { redirectUris: spa },
      publicClient: { redirectUris: publicClient },
    };
    lines.push(
      `az rest --method PATCH --uri "${GRAPH}/applications(appId='$${v.appId}')" --headers Content-Type=application/json ` +
        `--body ${shellQuote(JSON.stringify(body))}`,
    );
  }
  const now = Date.now();
  client.secrets.forEach((secret, index) => {
    const name = `${v.appId.replace(/_APP_ID$/, '')}_SECRET_${index + 1}`;
    if (secret.expiresAt.getTime() <= now) {
      lines.push(shellComment(`secret ${index + 1} expired locally on purpose (AADSTS7000222): not created`));
      return;
    }
    lines.push(
      shellComment(
        `a new secret made by Entra (1 year), written to $SECRETS_FILE; the local DEV ONLY value is not used`,
      ),
      `${name}=$(az ad app credential reset --id "$${v.appId}" --append --display-name 'npm run azure' --years 1 --query password -o tsv)`,
      `printf '%s=%s\\n' ${name} "$${name}" >> "$SECRETS_FILE"`,
    );
  });
  client.certificates.forEach((certificate, index) => {
    const name = `${v.appId.replace(/_APP_ID$/, '')}_CERTIFICATE_${index + 1}`;
    lines.push(
      shellComment(
        `certificate ${certificate.displayName ?? index + 1}: a new self-signed one (1 year); az writes it and its private key to a PEM file`,
      ),
      `${name}=$(az ad app credential reset --id "$${v.appId}" --append --create-cert --years 1 --query fileWithCertAndPrivateKey -o tsv)`,
      `printf '%s=%s\\n' ${name} "$${name}" >> "$SECRETS_FILE"`,
    );
  });
  return lines;
}

/** Stops before creating a second app of the same name (the script makes new apps; it does not update old ones). */
function refuseExisting(displayName: string): string[] {
  const name = shellQuote(displayName);
  return [
    `if [ -n "$(az ad app list --display-name ${name} --query '[].appId' -o tsv)" ]; then`,
    `  echo 'An app registration named '${name}' exists already: delete it or rename it in the registrations file.' >&2`,
    '  exit 1',
    'fi',
  ];
}

/** `api://<local appId>` becomes `api://<new appId>`; other URIs stay (they need a verified domain of the tenant). */
function identifierUri(uri: string, localAppId: string, appIdVar: string): string {
  const index = uri.toLowerCase().indexOf(localAppId.toLowerCase());
  if (index < 0) return shellQuote(uri);
  const before = uri.slice(0, index);
  const after = uri.slice(index + localAppId.length);
  return `${before ? shellQuote(before) : ''}"$${appIdVar}"${after ? shellQuote(after) : ''}`;
}

/** The role's id from the file, or a stable one derived from the API and the role (same output on every run). */
export function roleId(api: ApiApp, value: string): string {
  const role = api.appRoles.find((r) => r.value === value);
  if (role?.id) return role.id;
  const hex = createHash('sha256').update(`${api.appId}/${value}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
