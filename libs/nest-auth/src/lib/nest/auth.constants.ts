/** Injection token of the options given to `AuthModule.forRoot()` / `forRootAsync()`. */
export const AUTH_MODULE_OPTIONS = Symbol('AUTH_MODULE_OPTIONS');
/** Injection token of the options with defaults filled in (`ResolvedAuthOptions`). */
export const RESOLVED_AUTH_OPTIONS = Symbol('RESOLVED_AUTH_OPTIONS');
/** Injection token of the module-level `ClaimPolicy` (the Entra preset). */
export const BASE_CLAIM_POLICY = Symbol('BASE_CLAIM_POLICY');

/** Metadata keys of the decorators. */
export const IS_PUBLIC_KEY = 'stack-auth:public';
export const ROLES_KEY = 'stack-auth:roles';
export const ALLOWED_CLIENTS_KEY = 'stack-auth:allowed-clients';
export const REQUIRED_CLAIMS_KEY = 'stack-auth:required-claims';
export const PERMISSIONS_KEY = 'stack-auth:permissions';
