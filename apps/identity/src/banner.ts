/** The start-up banner: where the service is, how to point msal-node at it, and what is registered. No secrets. */
import { isAbsolute, relative } from 'node:path';
import type { IdentityServer } from '@stack/identity-server';

/** Renders the banner; paths are shown relative to `cwd`. */
export function formatBanner(server: IdentityServer, cwd = process.cwd(), now = new Date()): string {
  const { tenant, apis, clients, roleAssignments } = server.registrations;
  const authority = server.authority();
  // Paths inside the working folder are shown relative to it, others in full.
  const show = (path: string) => {
    const inside = relative(cwd, path);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
  };
  const apiName = (appId: string) =>
    apis.find((api) => api.appId.toLowerCase() === appId.toLowerCase())?.displayName ?? appId;

  const lines = [
    '',
    'Local Entra ID-compatible identity service',
    `  Tenant        ${tenant.displayName}: ${tenant.id} (domain ${tenant.domain})`,
    `  Authority     ${authority}   msal-node: authority + knownAuthorities ['${server.knownAuthorities.join("', '")}']`,
    `  Discovery     ${authority}/v2.0/.well-known/openid-configuration   (v1: ${authority}/.well-known/openid-configuration)`,
    `  Token         POST ${authority}/oauth2/v2.0/token   (v1: POST ${authority}/oauth2/token)`,
    `  JWKS          ${authority}/discovery/v2.0/keys   (v1: ${authority}/discovery/keys)`,
    `  Issuers       v2.0 ${server.issuer('2.0')}   v1.0 ${server.issuer('1.0')}   (${server.issuerMode} mode)`,
    `  Dev CA        ${show(server.caCertPath)}   Node clients: NODE_EXTRA_CA_CERTS=${show(server.caCertPath)}`,
    `  Signing key   kid ${server.signingKey().kid}   rotate: POST ${server.url}/admin/keys/rotate (from this machine)`,
    '  APIs',
    ...apis.map(
      (api) =>
        `    ${api.displayName}  appId ${api.appId}  ${api.identifierUris[0] ?? ''}  v${api.accessTokenAcceptedVersion === 2 ? '2.0' : '1.0'} tokens` +
        `  roles: ${api.appRoles.map((role) => role.value).join(', ') || 'none'}${api.appRoleAssignmentRequired ? '  (assignment required)' : ''}`,
    ),
    '  Clients',
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
      return `    ${client.displayName}  appId ${client.appId}  ${credentials.join(', ') || 'no credential'}  roles: ${granted.join('; ') || 'none'}`;
    }),
    '',
  ];
  return lines.join('\n');
}
