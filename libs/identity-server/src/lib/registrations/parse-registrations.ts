/**
 * Validates registrations (from the file or an object) and reports every problem with the path of the bad field,
 * e.g. `clients[1].secrets[0].expiresAt: Invalid ISO date`.
 */
import { z } from 'zod';
import { registrationsSchema, type Registrations } from './registrations.schema';
import { checkRedirectUris } from './redirect-uri-rules';

/** One validation problem: where (`clients[1].appId`) and what. */
export interface RegistrationsIssue {
  readonly path: string;
  readonly message: string;
}

/** Thrown when registrations are invalid; the message lists every issue, one per line. */
export class RegistrationsError extends Error {
  override readonly name = 'RegistrationsError';
  constructor(
    readonly source: string,
    readonly issues: readonly RegistrationsIssue[],
  ) {
    super(
      `Invalid registrations in ${source}:\n${issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`,
    );
  }
}

/** Formats a zod path as `clients[1].secrets[0].expiresAt`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Validates registrations given as an object (e.g. parsed JSON).
 * @param source where they came from, for the error message (a file path, or "registrations option").
 * @throws RegistrationsError naming every bad field.
 */
export function parseRegistrations(input: unknown, source = 'registrations'): Registrations {
  const result = registrationsSchema.superRefine(checkReferences).safeParse(input);
  if (!result.success) {
    throw new RegistrationsError(
      source,
      result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  return result.data;
}

function checkReferences(value: Registrations, ctx: z.RefinementCtx): void {
  const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  const appIds = new Map<string, string>();
  const objectIds = new Map<string, string>();
  const claim = (map: Map<string, string>, id: string, path: PropertyKey[], what: string) => {
    const key = id.toLowerCase();
    const previous = map.get(key);
    if (previous) problem(path, `Duplicate ${what} ${id}, already used by ${previous}`);
    else map.set(key, formatPath(path.slice(0, 2)));
  };

  const identifierUris = new Map<string, string>();
  value.apis.forEach((api, i) => {
    claim(appIds, api.appId, ['apis', i, 'appId'], 'appId');
    claim(objectIds, api.objectId, ['apis', i, 'objectId'], 'objectId');
    api.identifierUris.forEach((uri, j) => {
      const key = uri.replace(/\/+$/, '').toLowerCase();
      if (identifierUris.has(key)) problem(['apis', i, 'identifierUris', j], `Duplicate identifier URI ${uri}`);
      identifierUris.set(key, api.appId);
      if (/\/\.default$/i.test(uri))
        problem(['apis', i, 'identifierUris', j], 'An identifier URI must not end in /.default');
    });
    const roleValues = new Set<string>();
    api.appRoles.forEach((role, j) => {
      if (roleValues.has(role.value)) problem(['apis', i, 'appRoles', j, 'value'], `Duplicate app role ${role.value}`);
      roleValues.add(role.value);
    });
    const scopeValues = new Set<string>();
    const scopeIds = new Set<string>();
    api.oauth2PermissionScopes.forEach((scope, j) => {
      if (scopeValues.has(scope.value.toLowerCase()))
        problem(['apis', i, 'oauth2PermissionScopes', j, 'value'], `Duplicate scope ${scope.value}`);
      if (scopeIds.has(scope.id.toLowerCase()))
        problem(['apis', i, 'oauth2PermissionScopes', j, 'id'], `Duplicate scope id ${scope.id}`);
      scopeValues.add(scope.value.toLowerCase());
      scopeIds.add(scope.id.toLowerCase());
    });
  });

  const generatedNames = new Set<string>();
  value.clients.forEach((client, i) => {
    claim(appIds, client.appId, ['clients', i, 'appId'], 'appId');
    claim(objectIds, client.objectId, ['clients', i, 'objectId'], 'objectId');
    client.certificates.forEach((cert, j) => {
      const sources = [cert.generated, cert.pemFile, cert.pem].filter((source) => source !== undefined);
      if (sources.length !== 1) {
        problem(['clients', i, 'certificates', j], 'Give exactly one of "generated", "pemFile" or "pem"');
      }
      if (cert.generated !== undefined) {
        if (generatedNames.has(cert.generated)) {
          problem(
            ['clients', i, 'certificates', j, 'generated'],
            `Duplicate generated certificate name ${cert.generated}`,
          );
        }
        generatedNames.add(cert.generated);
      }
    });
    checkRedirectUris(client.redirectUris, (platform, j, message) =>
      problem(['clients', i, 'redirectUris', platform, j], message),
    );
  });

  checkDirectoryObjects(value, problem, objectIds, claim);
  checkDelegation(value, problem);

  value.roleAssignments.forEach((assignment, i) => {
    const client = value.clients.find((c) => c.appId.toLowerCase() === assignment.client.toLowerCase());
    if (!client) problem(['roleAssignments', i, 'client'], `No client app with appId ${assignment.client} in clients`);
    const api = value.apis.find((a) => a.appId.toLowerCase() === assignment.api.toLowerCase());
    if (!api) {
      problem(['roleAssignments', i, 'api'], `No API app with appId ${assignment.api} in apis`);
      return;
    }
    checkRoles(api, assignment.roles, 'Application', (j, message) =>
      problem(['roleAssignments', i, 'roles', j], message),
    );
  });
}

type Problem = (path: PropertyKey[], message: string) => void;
type ApiRegistration = Registrations['apis'][number];

/** Each role must be defined on the API and open to the kind of principal it is assigned to. */
function checkRoles(
  api: ApiRegistration,
  roles: readonly string[],
  memberType: 'Application' | 'User',
  problem: (index: number, message: string) => void,
): void {
  const defined = api.appRoles.map((role) => role.value);
  roles.forEach((value, j) => {
    const role = api.appRoles.find((candidate) => candidate.value === value);
    if (!role) {
      problem(
        j,
        `Role '${value}' isn't defined on API '${api.displayName}' (defined: ${defined.join(', ') || 'none'})`,
      );
    } else if (!role.allowedMemberTypes.includes(memberType)) {
      const who = memberType === 'User' ? 'users and groups' : 'applications';
      problem(
        j,
        `Role '${value}' of API '${api.displayName}' can't be assigned to ${who}: its allowedMemberTypes are ${role.allowedMemberTypes.join(', ')}`,
      );
    }
  });
}

/** Users (unique UPNs in the tenant's domain), groups (members are users) and user/group role assignments. */
function checkDirectoryObjects(
  value: Registrations,
  problem: Problem,
  objectIds: Map<string, string>,
  claim: (map: Map<string, string>, id: string, path: PropertyKey[], what: string) => void,
): void {
  const upns = new Set<string>();
  const domain = value.tenant.domain.toLowerCase();
  value.users.forEach((user, i) => {
    claim(objectIds, user.objectId, ['users', i, 'objectId'], 'objectId');
    const upn = user.userPrincipalName.toLowerCase();
    if (upns.has(upn))
      problem(['users', i, 'userPrincipalName'], `Duplicate userPrincipalName ${user.userPrincipalName}`);
    upns.add(upn);
    if (upn.split('@')[1] !== domain) {
      problem(
        ['users', i, 'userPrincipalName'],
        `The UPN must end with the tenant's domain @${value.tenant.domain} (a verified domain), got ${user.userPrincipalName}`,
      );
    }
  });
  const userIds = new Set(value.users.map((user) => user.objectId.toLowerCase()));
  value.groups.forEach((group, i) => {
    claim(objectIds, group.objectId, ['groups', i, 'objectId'], 'objectId');
    group.members.forEach((member, j) => {
      if (!userIds.has(member.toLowerCase()))
        problem(['groups', i, 'members', j], `No user with objectId ${member} in users`);
    });
  });
  const groupIds = new Set(value.groups.map((group) => group.objectId.toLowerCase()));
  value.userRoleAssignments.forEach((assignment, i) => {
    const principal = assignment.principal.toLowerCase();
    if (!userIds.has(principal) && !groupIds.has(principal)) {
      problem(['userRoleAssignments', i, 'principal'], `No user or group with objectId ${assignment.principal}`);
    }
    const api = findApi(value, assignment.api);
    if (!api) {
      problem(['userRoleAssignments', i, 'api'], `No API app with appId ${assignment.api} in apis`);
      return;
    }
    checkRoles(api, assignment.roles, 'User', (j, message) => problem(['userRoleAssignments', i, 'roles', j], message));
  });
}

/** Pre-authorized clients and permission grants name real clients, users and scopes. */
function checkDelegation(value: Registrations, problem: Problem): void {
  const isClient = (appId: string) =>
    value.clients.some((client) => client.appId.toLowerCase() === appId.toLowerCase());
  value.apis.forEach((api, i) => {
    const scopeIds = new Set(api.oauth2PermissionScopes.map((scope) => scope.id.toLowerCase()));
    api.preAuthorizedApplications.forEach((pre, j) => {
      const path = ['apis', i, 'preAuthorizedApplications', j];
      if (!isClient(pre.appId)) problem([...path, 'appId'], `No client app with appId ${pre.appId} in clients`);
      pre.delegatedPermissionIds.forEach((id, k) => {
        if (!scopeIds.has(id.toLowerCase())) {
          problem(
            [...path, 'delegatedPermissionIds', k],
            `No scope with id ${id} in this API's oauth2PermissionScopes`,
          );
        }
      });
    });
  });
  const userIds = new Set(value.users.map((user) => user.objectId.toLowerCase()));
  value.oauth2PermissionGrants.forEach((grant, i) => {
    const path = ['oauth2PermissionGrants', i];
    if (!isClient(grant.client)) problem([...path, 'client'], `No client app with appId ${grant.client} in clients`);
    if (grant.consentType === 'Principal' && !grant.principal) {
      problem([...path, 'principal'], 'A Principal grant names the user (objectId) who consented');
    }
    if (grant.consentType === 'AllPrincipals' && grant.principal) {
      problem([...path, 'principal'], 'An AllPrincipals grant (admin consent) is for every user: remove principal');
    }
    if (grant.principal && !userIds.has(grant.principal.toLowerCase())) {
      problem([...path, 'principal'], `No user with objectId ${grant.principal} in users`);
    }
    const api = findApi(value, grant.api);
    if (!api) {
      problem([...path, 'api'], `No API app with appId ${grant.api} in apis`);
      return;
    }
    const defined = api.oauth2PermissionScopes.map((scope) => scope.value);
    grant.scopes.forEach((scope, j) => {
      if (!defined.some((candidate) => candidate.toLowerCase() === scope.toLowerCase())) {
        problem(
          [...path, 'scopes', j],
          `Scope '${scope}' isn't exposed by API '${api.displayName}' (exposed: ${defined.join(', ') || 'none'})`,
        );
      }
    });
  });
}

function findApi(value: Registrations, appId: string): ApiRegistration | undefined {
  return value.apis.find((api) => api.appId.toLowerCase() === appId.toLowerCase());
}
