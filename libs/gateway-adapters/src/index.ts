/**
 * @stack/gateway-adapters: Node implementations of the services `@stack/apim-policy` takes by injection,
 * for the gateway app (and anyone hosting the engine): signing keys from OpenID discovery (nest-auth's
 * key store), outgoing HTTP over undici, APIM's external cache and shared quotas on Redis, a local
 * telemetry sink, and the gateway's managed identity through @stack/token-cache.
 */
export { HostMap, ENTRA_AUTHORITY_ORIGIN } from './lib/keys/host-map';
export { OpenIdSigningKeys } from './lib/keys/openid-signing-keys';
export * from './lib/http/http-client';
export * from './lib/http/client-certificate-agents';
export { HOP_BY_HOP_HEADERS, withoutHopByHop } from './lib/http/hop-by-hop';
export * from './lib/redis/redis-policy-cache';
export * from './lib/redis/redis-quota-store';
export * from './lib/telemetry/telemetry-sink';
export * from './lib/identity/managed-identity';
export { readGatewayConfig, readFragments, displayPath } from './lib/config/read-gateway-config';
