/**
 * Reading a delegated `scope` parameter: OpenID Connect scopes (`openid profile email offline_access`) and scopes
 * of registered APIs, written `<App ID URI or appId>/<value>` or `<resource>/.default` (every enabled scope the API
 * exposes, standing in for the client's static permissions). Bare values such as `User.Read` name Microsoft Graph,
 * which this service does not host: they are invalid scopes here.
 */
import { invalidScope, noDelegatedScopes } from '../errors/user-flow-errors';
import { resourceNotFound } from '../errors/catalogue';
import type { Directory } from '../registrations/directory';
import type { ApiApp } from '../registrations/registrations.schema';

/** The OpenID Connect scopes; they need no API. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

/** Delegated scopes of one API, as requested. */
export interface ResourceScopes {
  readonly api: ApiApp;
  /** The resource identifier as the client wrote it (v1 tokens use it as `aud`; responses echo it). */
  readonly requestedAs: string;
  /** Scope values as the API defines them (canonical case), in request order, without duplicates. */
  readonly values: readonly string[];
}

/** A parsed scope parameter. */
export interface ScopeRequest {
  readonly oidc: ReadonlySet<OidcScope>;
  /** One entry per API, in the order first named. */
  readonly resources: readonly ResourceScopes[];
}

/** Longest scope parameter read; longer is refused as invalid rather than parsed. */
const MAX_SCOPE_LENGTH = 4096;

/**
 * Parses a space-separated scope list.
 * @throws AadstsError 70011 (invalid_scope) for an unknown scope value or a scope without resource, 500011
 * (invalid_resource) for an unknown API.
 */
export function parseScopeRequest(scope: string, directory: Directory, tenantName: string): ScopeRequest {
  if (scope.length > MAX_SCOPE_LENGTH) throw invalidScope(`${scope.slice(0, 64)}…`);
  const oidc = new Set<OidcScope>();
  const resources = new Map<string, { api: ApiApp; requestedAs: string; values: string[] }>();
  for (const item of scope.split(' ').filter(Boolean)) {
    const lower = item.toLowerCase();
    if ((OIDC_SCOPES as readonly string[]).includes(lower)) {
      oidc.add(lower as OidcScope);
      continue;
    }
    const slash = item.lastIndexOf('/');
    if (slash <= 0 || slash === item.length - 1) throw invalidScope(item);
    const resource = item.slice(0, slash);
    const value = item.slice(slash + 1);
    const resolved = directory.findResource(resource);
    if (!resolved) throw resourceNotFound(resource, tenantName);
    const entry = resources.get(resolved.api.appId) ?? { api: resolved.api, requestedAs: resource, values: [] };
    resources.set(resolved.api.appId, entry);
    const values =
      value.toLowerCase() === '.default'
        ? defaultScopes(resolved.api, item)
        : [directory.findScope(resolved.api, value)?.value ?? throwInvalid(item)];
    for (const canonical of values) if (!entry.values.includes(canonical)) entry.values.push(canonical);
  }
  return { oidc, resources: [...resources.values()] };
}

/** Every enabled delegated scope of the API; none would make a token with an empty `scp`, so that is refused. */
function defaultScopes(api: ApiApp, item: string): string[] {
  const values = api.oauth2PermissionScopes.filter((scope) => scope.isEnabled).map((scope) => scope.value);
  if (values.length === 0) throw noDelegatedScopes(item);
  return values;
}

function throwInvalid(scope: string): never {
  throw invalidScope(scope);
}

/** The scope string a token response reports: the resource as requested, then each value. */
export function formatResourceScopes(resource: ResourceScopes): string {
  return resource.values.map((value) => `${resource.requestedAs}/${value}`).join(' ');
}
