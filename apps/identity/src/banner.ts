/**
 * The start-up banner as log lines: where the service is, how to point msal-node at it, and what is registered.
 * No secrets. Each line has a readable message and the same facts as fields (main.ts logs them for JSON readers only).
 */
import { isAbsolute, relative } from 'node:path';
import type { IdentityServer } from '@stack/identity-server';

/** One banner line: logged at info as `logger.info(fields, msg)`. */
export interface BannerLine {
  readonly msg: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The banner's lines; paths are shown relative to `cwd`. */
export function bannerLines(server: IdentityServer, cwd = process.cwd(), now = new Date()): BannerLine[] {
  const { tenant, apis, clients, roleAssignments, users, groups, userRoleAssignments } = server.registrations;
  const authority = server.authority();
  // Paths inside the working folder are shown relative to it, others in full.
  const show = (path: string) => {
    const inside = relative(cwd, path);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
  };
  const apiName = (appId: string) =>
    apis.find((api) => api.appId.toLowerCase() === appId.toLowerCase())?.displayName ?? appId;
  const caCert = show(server.caCertPath);
  const knownAuthorities = [...server.knownAuthorities];
  const endpoints = {
    discovery: `${authority}/v2.0/.well-known/openid-configuration`,
    discoveryV1: `${authority}/.well-known/openid-configuration`,
    token: `${authority}/oauth2/v2.0/token`,
    tokenV1: `${authority}/oauth2/token`,
    jwks: `${authority}/discovery/v2.0/keys`,
    jwksV1: `${authority}/discovery/keys`,
    authorize: `${authority}/oauth2/v2.0/authorize`,
    authorizeV1: `${authority}/oauth2/authorize`,
    userinfo: `${server.url}/oidc/userinfo`,
  };
  const issuers = { v2: server.issuer('2.0'), v1: server.issuer('1.0') };
  const kid = server.signingKey().kid;

  return [
    {
      msg: `Local Entra ID-compatible identity service: tenant ${tenant.displayName}: ${tenant.id} (domain ${tenant.domain})`,
      fields: { tenant: { id: tenant.id, displayName: tenant.displayName, domain: tenant.domain } },
    },
    {
      msg: `Authority ${authority}   msal-node: authority + knownAuthorities ['${knownAuthorities.join("', '")}']`,
      fields: { authority, knownAuthorities },
    },
    {
      msg: `Discovery ${endpoints.discovery}   (v1: ${endpoints.discoveryV1})`,
      fields: { discovery: endpoints.discovery, discoveryV1: endpoints.discoveryV1 },
    },
    {
      msg: `Token POST ${endpoints.token}   (v1: POST ${endpoints.tokenV1})`,
      fields: { tokenEndpoint: endpoints.token, tokenEndpointV1: endpoints.tokenV1 },
    },
    {
      msg: `Authorize ${endpoints.authorize}   (v1: ${endpoints.authorizeV1})   sign-in page: pick a dev user, no passwords (local development only)`,
      fields: { authorizeEndpoint: endpoints.authorize, authorizeEndpointV1: endpoints.authorizeV1 },
    },
    {
      msg: `UserInfo ${endpoints.userinfo}   (codes, sessions, consents and refresh tokens live in memory: a restart forgets them)`,
      fields: { userinfoEndpoint: endpoints.userinfo },
    },
    {
      msg: `JWKS ${endpoints.jwks}   (v1: ${endpoints.jwksV1})`,
      fields: { jwks: endpoints.jwks, jwksV1: endpoints.jwksV1 },
    },
    {
      msg: `Issuers v2.0 ${issuers.v2}   v1.0 ${issuers.v1}   (${server.issuerMode} mode)`,
      fields: { issuers, issuerMode: server.issuerMode },
    },
    {
      msg: `Dev CA ${caCert}   Node clients: NODE_EXTRA_CA_CERTS=${caCert}`,
      fields: { devCa: caCert },
    },
    {
      msg: `Signing key kid ${kid}   rotate: POST ${server.url}/admin/keys/rotate (from this machine)`,
      fields: { kid, rotate: `${server.url}/admin/keys/rotate` },
    },
    ...apis.map((api) => {
      const version = api.accessTokenAcceptedVersion === 2 ? '2.0' : '1.0';
      const roles = api.appRoles.map((role) => role.value);
      const scopes = api.oauth2PermissionScopes.map((scope) => scope.value);
      const identifierUri = api.identifierUris[0] ?? '';
      return {
        msg:
          `API ${api.displayName}  appId ${api.appId}  ${identifierUri}  v${version} tokens` +
          `  roles: ${roles.join(', ') || 'none'}${api.appRoleAssignmentRequired ? '  (assignment required)' : ''}` +
          (scopes.length ? `  scopes: ${scopes.join(', ')}` : ''),
        fields: {
          api: {
            displayName: api.displayName,
            appId: api.appId,
            identifierUri,
            tokenVersion: version,
            roles,
            scopes,
            assignmentRequired: api.appRoleAssignmentRequired,
          },
        },
      };
    }),
    ...clients.map((client) => {
      const credentials = [
        ...client.secrets.map((secret) =>
          secret.expiresAt <= now ? `secret (expired ${secret.expiresAt.toISOString().slice(0, 10)})` : 'secret',
        ),
        ...client.certificates.map((cert) => {
          if (cert.generated === undefined) return 'certificate';
          const generated = server.clientCertificate(cert.generated);
          return `certificate ${show(generated.certPath)} + .key (SHA-256 ${generated.thumbprints.sha256Hex})`;
        }),
      ];
      const granted = roleAssignments
        .filter((assignment) => assignment.client.toLowerCase() === client.appId.toLowerCase())
        .map((assignment) => `${apiName(assignment.api)}: ${assignment.roles.join(', ')}`);
      const redirects = (['web', 'spa', 'publicClient'] as const).flatMap((platform) =>
        client.redirectUris[platform].map((uri) => `${platform} ${uri}`),
      );
      return {
        msg:
          `Client ${client.displayName}  appId ${client.appId}  ${credentials.join(', ') || 'no credential'}  roles: ${granted.join('; ') || 'none'}` +
          (redirects.length ? `  redirect URIs: ${redirects.join(', ')}` : ''),
        fields: {
          client: {
            displayName: client.displayName,
            appId: client.appId,
            credentials,
            roles: granted,
            redirectUris: redirects,
          },
        },
      };
    }),
    ...users.map((user) => {
      const memberOf = groups
        .filter((group) => group.members.some((member) => member.toLowerCase() === user.objectId.toLowerCase()))
        .map((group) => group.displayName);
      const principals = [
        user.objectId,
        ...groups.filter((group) => memberOf.includes(group.displayName)).map((group) => group.objectId),
      ];
      const roles = userRoleAssignments
        .filter((assignment) => principals.some((id) => id.toLowerCase() === assignment.principal.toLowerCase()))
        .map((assignment) => `${apiName(assignment.api)}: ${assignment.roles.join(', ')}`);
      return {
        msg:
          `User ${user.displayName}  ${user.userPrincipalName}  oid ${user.objectId}` +
          `${memberOf.length ? `  groups: ${memberOf.join(', ')}` : ''}  roles: ${roles.join('; ') || 'none'}`,
        fields: {
          user: {
            displayName: user.displayName,
            userPrincipalName: user.userPrincipalName,
            objectId: user.objectId,
            groups: memberOf,
            roles,
          },
        },
      };
    }),
  ];
}
