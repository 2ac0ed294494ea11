export * from './lib/config/auth-options';
export * from './lib/config/auth-env';
export * from './lib/keys/jwks-key-store';
export * from './lib/keys/key-store-errors';
export { createJwksFetcher, type JwksFetcher } from './lib/keys/fetch-jwks';
export * from './lib/token/compact-jws';
export * from './lib/token/request-token';
export * from './lib/verify/bearer-token-verifier';
// Framework-free since issue 11 (claim-policy's token folder); re-exported for existing users.
export { VerifiedTokenCache, verifyJwsSignature, isVerifiableAlgorithm, type VerifiedToken } from '@stack/claim-policy';
export * from './lib/http/auth-failure';
export * from './lib/policy/principal';
export * from './lib/policy/route-requirements';
export * from './lib/policy/base-policy';
export {
  AUTH_MODULE_OPTIONS,
  RESOLVED_AUTH_OPTIONS,
  BASE_CLAIM_POLICY,
  PERMISSIONS_KEY,
} from './lib/nest/auth.constants';
export * from './lib/nest/decorators';
export * from './lib/nest/auth.module';
export * from './lib/nest/bearer-auth.guard';
export * from './lib/nest/bearer-auth.exception';
export * from './lib/nest/bearer-auth-exception.filter';
export * from './lib/nest/escaping-console-logger';
export * from './lib/nest/route-policy.registry';
