/**
 * What a client-credentials request asks for: v2 `scope=<resource>/.default` (exactly one resource), or v1
 * `resource=<resource>`. The resource identifier is an App ID URI or an appId.
 */
import {
  missingParameter,
  multipleResources,
  resourceParameterNotSupported,
  scopeWithoutDefault,
} from '../errors/catalogue';

/** The requested resource. */
export interface TokenTarget {
  /** Resource identifier as requested (App ID URI or appId), without `/.default`. */
  readonly resource: string;
  /** The raw `scope` parameter (v2) or the `resource` parameter (v1). */
  readonly requested: string;
}

/** OpenID Connect scopes msal may add; they never name a resource and are dropped, as Entra does. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const DEFAULT_SUFFIX = '/.default';

/**
 * Reads the v2 target from `scope`.
 * @throws AadstsError 901002 (`resource` sent), 900144 (no scope), 700022 (several resources), 1002012 (no /.default).
 */
export function readV2Target(scope: string | undefined, resource: string | undefined): TokenTarget {
  if (resource !== undefined) throw resourceParameterNotSupported();
  if (scope === undefined) throw missingParameter('scope');
  const resources = scope.split(/\s+/).filter((value) => value && !OIDC_SCOPES.has(value.toLowerCase()));
  if (resources.length > 1) throw multipleResources(scope);
  const [only] = resources;
  if (!only || !only.toLowerCase().endsWith(DEFAULT_SUFFIX) || only.length === DEFAULT_SUFFIX.length) {
    throw scopeWithoutDefault(scope);
  }
  // `https://host//.default` names the resource `https://host/`: only the last `/.default` is removed.
  return { resource: only.slice(0, -DEFAULT_SUFFIX.length), requested: scope };
}

/**
 * Reads the v1 target from `resource` (a `scope` parameter is ignored on v1, as Entra does).
 * @throws AadstsError 900144 when `resource` is missing.
 */
export function readV1Target(resource: string | undefined): TokenTarget {
  if (resource === undefined) throw missingParameter('resource');
  return { resource, requested: resource };
}
