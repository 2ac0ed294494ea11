/**
 * The issue-15 registrations: users, groups, delegated scopes, pre-authorized clients, redirect URIs per platform,
 * user role assignments and permission grants, each refusal naming its field.
 */
import { readFileSync } from 'node:fs';
import { REGISTRATIONS_PATH } from '../../test-support/server';
import { parseRegistrations, RegistrationsError } from './parse-registrations';
import { redirectMatchKey } from './redirect-uri-rules';

const defaults = () => JSON.parse(readFileSync(REGISTRATIONS_PATH, 'utf8'));

function issuesOf(input: unknown): string[] {
  try {
    parseRegistrations(input, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(RegistrationsError);
    return (error as RegistrationsError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected the registrations to be refused');
}

const client = (input: { clients: { displayName: string }[] }, name: string) => {
  const found = input.clients.find((candidate) => candidate.displayName === name);
  if (!found) throw new Error(`no client ${name}`);
  return found as unknown as { redirectUris: Record<string, string[]> };
};

it('reads the default users, group, scopes, SPA and web clients', () => {
  const registrations = parseRegistrations(defaults());
  expect(registrations.users.map((user) => user.userPrincipalName)).toEqual(['adele@stack.local', 'megan@stack.local']);
  expect(registrations.groups[0]).toMatchObject({ displayName: 'Echo Readers' });
  const api = registrations.apis[0];
  expect(api.oauth2PermissionScopes.map((scope) => scope.value)).toEqual(['Echo.Read.User', 'Echo.Write.User']);
  expect(api.preAuthorizedApplications[0].appId).toBe('272a7756-b7b0-4d47-9fbc-a620fd89c7aa');
  const spa = registrations.clients.find((candidate) => candidate.displayName === 'ago-devportal-spa-app');
  expect(spa?.redirectUris.spa).toHaveLength(2);
  expect(spa?.secrets).toEqual([]);
  const web = registrations.clients.find((candidate) => candidate.displayName === 'ago-webapp-oauth-app');
  expect(web?.redirectUris.web).toEqual(['http://localhost:3500/auth/callback']);
  // Older clients get empty redirect URI lists.
  expect(registrations.clients[0].redirectUris).toEqual({ web: [], spa: [], publicClient: [] });
});

it('refuses bad redirect URIs with the platform and index', () => {
  const input = defaults();
  client(input, 'ago-webapp-oauth-app').redirectUris = {
    web: ['http://example.com/cb', 'https://ok.example/cb#frag', 'not a uri', 'https://*.example.com/cb'],
    spa: ['myapp://cb'],
    publicClient: ['http://localhost:9999/auth/callback', 'msal-app://auth'],
  };
  const index = input.clients.findIndex(
    (candidate: { displayName: string }) => candidate.displayName === 'ago-webapp-oauth-app',
  );
  expect(issuesOf(input)).toEqual([
    `clients[${index}].redirectUris.web[0]: http is allowed only for localhost and 127.0.0.1; use https`,
    `clients[${index}].redirectUris.web[1]: A redirect URI has no fragment (#…)`,
    `clients[${index}].redirectUris.web[2]: Not an absolute URI: not a uri`,
    `clients[${index}].redirectUris.web[3]: Wildcard redirect URIs are not supported here; register each URI`,
    `clients[${index}].redirectUris.spa[0]: A spa redirect URI uses https (or http for localhost)`,
  ]);
});

it('refuses two loopback redirect URIs that differ only by port (Entra ignores the port when matching)', () => {
  const input = defaults();
  client(input, 'ago-webapp-oauth-app').redirectUris.publicClient = ['http://localhost:1234/auth/callback'];
  expect(issuesOf(input)).toEqual([
    expect.stringMatching(
      /redirectUris\.publicClient\[0\]: http:\/\/localhost:1234\/auth\/callback matches web: http:\/\/localhost:3500/,
    ),
  ]);
  expect(redirectMatchKey('http://LOCALHOST:5000/MyApp')).toBe('http://localhost/MyApp');
  expect(redirectMatchKey('http://localhost/MyApp')).toBe('http://localhost/MyApp');
  expect(redirectMatchKey('https://contoso.com:444/a')).toBe('https://contoso.com:444/a');
});

it('names bad users, groups, assignments, pre-authorizations and grants', () => {
  const input = defaults();
  input.users[1].userPrincipalName = 'megan@contoso.com';
  input.users.push({ ...input.users[0], objectId: 'f61504a2-2263-4c74-87b7-37a72dbf0000' });
  input.groups[0].members.push('00000000-0000-0000-0000-000000000001');
  input.userRoleAssignments.push({
    principal: input.users[0].objectId,
    api: input.apis[0].appId,
    roles: ['Echo.Write'],
  });
  input.apis[0].preAuthorizedApplications[0].delegatedPermissionIds.push('00000000-0000-0000-0000-000000000002');
  input.oauth2PermissionGrants.push(
    { client: input.clients[0].appId, api: input.apis[0].appId, scopes: ['Echo.Delete.User'] },
    { client: input.clients[0].appId, api: input.apis[0].appId, scopes: ['Echo.Read.User'], consentType: 'Principal' },
  );
  expect(issuesOf(input)).toEqual([
    "users[1].userPrincipalName: The UPN must end with the tenant's domain @stack.local (a verified domain), got megan@contoso.com",
    'users[2].userPrincipalName: Duplicate userPrincipalName adele@stack.local',
    'groups[0].members[1]: No user with objectId 00000000-0000-0000-0000-000000000001 in users',
    "userRoleAssignments[1].roles[0]: Role 'Echo.Write' of API 'ago-apiproxy-oauth-app' can't be assigned to users and groups: its allowedMemberTypes are Application",
    "apis[0].preAuthorizedApplications[0].delegatedPermissionIds[2]: No scope with id 00000000-0000-0000-0000-000000000002 in this API's oauth2PermissionScopes",
    "oauth2PermissionGrants[0].scopes[0]: Scope 'Echo.Delete.User' isn't exposed by API 'ago-apiproxy-oauth-app' (exposed: Echo.Read.User, Echo.Write.User)",
    'oauth2PermissionGrants[1].principal: A Principal grant names the user (objectId) who consented',
  ]);
});
