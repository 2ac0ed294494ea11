/**
 * Read-only lookups over validated registrations, with Entra's matching rules: GUIDs and domain names compare
 * case-insensitively, App ID URIs match with or without a trailing slash.
 */
import type { ApiApp, ClientApp, Registrations } from './registrations.schema';

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
}

function normalize(identifier: string): string {
  return identifier.replace(/\/+$/, '').toLowerCase();
}
