/**
 * Read-only lookups over validated registrations, with Entra's matching rules: GUIDs and domain names compare
 * case-insensitively, App ID URIs match with or without a trailing slash.
 */
import { redirectMatchKey } from './redirect-uri-rules';
import type {
  ApiApp,
  ClientApp,
  DirectoryUser,
  PermissionScope,
  RedirectPlatform,
  Registrations,
} from './registrations.schema';

/** A registered redirect URI that a request's `redirect_uri` matched, with its platform. */
export interface MatchedRedirectUri {
  readonly platform: RedirectPlatform;
  readonly registered: string;
}

/** An API found from the identifier a client asked for (`scope` without `/.default`, or v1 `resource`). */
export interface ResolvedResource {
  readonly api: ApiApp;
  /** The identifier exactly as requested: v1 tokens carry it as `aud`. */
  readonly requestedAs: string;
}

/** Lookups used by token issuance and discovery. */
export class Directory {
  constructor(readonly registrations: Registrations) {}

  get tenantId(): string {
    return this.registrations.tenant.id;
  }

  /** True when a `{tenant}` path segment names this tenant, by GUID or by domain. */
  isTenant(segment: string): boolean {
    const { id, domain } = this.registrations.tenant;
    const value = segment.toLowerCase();
    return value === id.toLowerCase() || value === domain.toLowerCase();
  }

  /** Finds a client app by appId. */
  findClient(appId: string): ClientApp | undefined {
    const value = appId.toLowerCase();
    return this.registrations.clients.find((client) => client.appId.toLowerCase() === value);
  }

  /** Finds an API by appId or by one of its identifier URIs (trailing slashes ignored). */
  findResource(identifier: string): ResolvedResource | undefined {
    const value = normalize(identifier);
    const api = this.registrations.apis.find(
      (candidate) =>
        candidate.appId.toLowerCase() === value || candidate.identifierUris.some((uri) => normalize(uri) === value),
    );
    return api && { api, requestedAs: identifier };
  }

  /** App roles of `api` assigned to `client`, in the order the API defines them; empty when none. */
  rolesOf(client: ClientApp, api: ApiApp): string[] {
    const granted = new Set(
      this.registrations.roleAssignments
        .filter(
          (assignment) =>
            assignment.client.toLowerCase() === client.appId.toLowerCase() &&
            assignment.api.toLowerCase() === api.appId.toLowerCase(),
        )
        .flatMap((assignment) => assignment.roles),
    );
    return api.appRoles.map((role) => role.value).filter((value) => granted.has(value));
  }

  /** Finds a user by object id. */
  findUser(objectId: string): DirectoryUser | undefined {
    const value = objectId.toLowerCase();
    return this.registrations.users.find((user) => user.objectId.toLowerCase() === value);
  }

  /** Finds a user by UPN (a `login_hint`), case-insensitively. */
  findUserByUpn(upn: string): DirectoryUser | undefined {
    const value = upn.trim().toLowerCase();
    return this.registrations.users.find((user) => user.userPrincipalName.toLowerCase() === value);
  }

  /** App roles of `api` the user holds directly or through a group, in the order the API defines them. */
  userRolesOf(user: DirectoryUser, api: ApiApp): string[] {
    const id = user.objectId.toLowerCase();
    const principals = new Set([
      id,
      ...this.registrations.groups
        .filter((group) => group.members.some((member) => member.toLowerCase() === id))
        .map((group) => group.objectId.toLowerCase()),
    ]);
    const granted = new Set(
      this.registrations.userRoleAssignments
        .filter(
          (assignment) =>
            principals.has(assignment.principal.toLowerCase()) &&
            assignment.api.toLowerCase() === api.appId.toLowerCase(),
        )
        .flatMap((assignment) => assignment.roles),
    );
    return api.appRoles
      .filter((role) => role.allowedMemberTypes.includes('User') && granted.has(role.value))
      .map((role) => role.value);
  }

  /** The enabled delegated scope `value` of `api` (case-insensitive, as Entra matches scope values). */
  findScope(api: ApiApp, value: string): PermissionScope | undefined {
    const wanted = value.toLowerCase();
    return api.oauth2PermissionScopes.find((scope) => scope.isEnabled && scope.value.toLowerCase() === wanted);
  }

  /**
   * True when the user needs no consent for `scope`: the API pre-authorized the client for it, or a grant covers it
   * (admin consent for everyone, or this user's recorded grant).
   */
  consentedInRegistrations(client: ClientApp, api: ApiApp, scope: PermissionScope, user: DirectoryUser): boolean {
    const clientId = client.appId.toLowerCase();
    const preAuthorized = api.preAuthorizedApplications.some(
      (pre) =>
        pre.appId.toLowerCase() === clientId &&
        pre.delegatedPermissionIds.some((id) => id.toLowerCase() === scope.id.toLowerCase()),
    );
    if (preAuthorized) return true;
    return this.registrations.oauth2PermissionGrants.some(
      (grant) =>
        grant.client.toLowerCase() === clientId &&
        grant.api.toLowerCase() === api.appId.toLowerCase() &&
        grant.scopes.some((value) => value.toLowerCase() === scope.value.toLowerCase()) &&
        (grant.consentType === 'AllPrincipals' || grant.principal?.toLowerCase() === user.objectId.toLowerCase()),
    );
  }

  /**
   * The client's registered redirect URI that `requested` matches: exactly, or for loopback hosts with any port
   * (Entra ignores the port of localhost and 127.0.0.1 redirect URIs).
   */
  matchRedirectUri(client: ClientApp, requested: string): MatchedRedirectUri | undefined {
    const key = redirectMatchKey(requested);
    for (const platform of ['web', 'spa', 'publicClient'] as const) {
      const registered = client.redirectUris[platform].find(
        (uri) => uri === requested || redirectMatchKey(uri) === key,
      );
      if (registered) return { platform, registered };
    }
    return undefined;
  }
}

function normalize(identifier: string): string {
  return identifier.replace(/\/+$/, '').toLowerCase();
}
