/**
 * @stack/testing: helpers for tests only. Start the identity service in-process, trust its dev CA, mint tokens
 * with any claims, find free ports, and use the default registrations' ids.
 */
export { startIdentity, type StartIdentityOptions, type TestIdentity } from './lib/start-identity';
export { trustDevCa } from './lib/trust-dev-ca';
export {
  mintToken,
  testSigningKey,
  type MintingKey,
  type MintTokenOptions,
  type TestSigningKey,
} from './lib/mint-token';
export { freePort } from './lib/free-port';
export { clientCredentialsToken, type TokenAuthority } from './lib/client-token';
export { defaultRegistrations, defaultRegistrationsPath } from './lib/default-registrations';
// Written by the token-cache work: fault injection in front of the identity service, and a redis-server spawner.
export * from './lib/fault-proxy';
export * from './lib/redis-server';
// The resolved docker-compose.yml (in-process, no docker-compose needed), for the apps' compose contract tests.
export * from './lib/compose-config';
// Skipping tests whose tool (browser, certutil) is missing, outside CI only, recorded for `npm test`'s summary.
export * from './lib/skips';
// Written by the developer-portal work: headless Chromium (the machine's own) for browser tests.
export * from './lib/chromium';
// Written by the faults work: log scanning for secrets, private keys and tokens, and the stack's known secrets.
export * from './lib/scan-logs-for-secrets';
export * from './lib/stack-secrets';
export * from './lib/virtual-clock';
// authentication-certificate's mTLS tests: a throwaway CA, server and client certificates made with openssl.
export * from './lib/openssl-pki';
