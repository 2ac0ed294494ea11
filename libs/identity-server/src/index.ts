/**
 * @stack/identity-server: a local identity service compatible with Microsoft Entra ID (client credentials, the
 * authorization code flow with PKCE and refresh tokens, discovery, JWKS, v1/v2 endpoints, AADSTS errors), used by
 * apps/identity and by tests via @stack/testing.
 */
export { startIdentityServer, IDENTITY_DEFAULTS } from './lib/server/start-identity-server';
export type { IdentityServer, SigningKeyHandle, StartIdentityServerOptions } from './lib/server/identity-server';
export { createServiceLogger, REDACTED_PATHS, type LoggerOption } from './lib/server/logger';
export { normaliseCorsOrigins } from './lib/http/token-cors';

export {
  ensureDevCertificates,
  type DevCertificates,
  type EnsureDevCertificatesOptions,
} from './lib/certificates/dev-certificates';
export {
  clientCertificatePaths,
  ensureClientCertificate,
  type GeneratedClientCertificate,
} from './lib/certificates/client-certificates';
export { certificateThumbprints, type CertificateThumbprints } from './lib/certificates/thumbprints';

export { loadRegistrations } from './lib/registrations/load-registrations';
export {
  parseRegistrations,
  RegistrationsError,
  type RegistrationsIssue,
} from './lib/registrations/parse-registrations';
export type {
  ApiApp,
  AppRole,
  ClientApp,
  ClientCertificateRef,
  ClientSecret,
  Registrations,
  RegistrationsInput,
  RoleAssignment,
  TenantRegistration,
  DirectoryUser,
  DirectoryGroup,
  PermissionScope,
  PermissionGrant,
  RedirectPlatform,
  RedirectUris,
  UserRoleAssignment,
} from './lib/registrations/registrations.schema';
export { pairwiseSubject } from './lib/tokens/user-token-claims';

export { AadstsError, type AadstsErrorBody, type OAuthErrorCode } from './lib/errors/aadsts-error';
export { JWT_BEARER_ASSERTION_TYPE } from './lib/client-auth/verify-client-assertion';
export type { IssuerMode } from './lib/discovery/service-urls';
export type { RotationResult } from './lib/keys/signing-key-store';
export {
  MIN_KEY_PUBLISH_DELAY_SECONDS,
  MAX_KEY_PUBLISH_DELAY_SECONDS,
  PUBLISH_DELAY_REASON,
  type RotateKeysOptions,
} from './lib/keys/publish-delay';
export type { PublishedJwk } from './lib/keys/jwk';
export type { TokenCountFilter } from './lib/metrics/token-counters';
export type { V1TokenResponse, V2TokenResponse } from './lib/tokens/token-response';
export type { TokenVersion } from './lib/tokens/access-token-claims';
