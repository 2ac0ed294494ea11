import { compileExpression } from '../expressions';
import type { SigningKeyResolver } from '../keys/signing-key-resolver';
import { createCompileContext } from '../policies/compile-context';
import type { GatewayServices } from '../policies/gateway-services';
import { MemoryRateLimitStore } from '../policies/rate-limit/memory-rate-limit-store';
import type { PolicyCache } from '../policies/services/policy-cache';
import type { PolicyHttpClient } from '../policies/services/policy-http-client';
import type { PolicyTelemetry } from '../policies/services/policy-telemetry';
import type { QuotaStore } from '../policies/services/quota-store';
import type { ManagedIdentityTokenSource } from '../policies/services/managed-identity';
import { createPolicyRegistry } from '../policies/registry';
import { tokenValidationPolicy } from '../policies/validate-jwt/validate-jwt.policy';
import { readPolicyDocument, SECTIONS } from '../pipeline/policy-document';
import type { DocumentCompiler } from './measure-catalogue';

/** `{{named values}}` the catalogue documents use. */
export const CATALOGUE_NAMED_VALUES: Readonly<Record<string, string>> = {
  'orders-service-user': 'svc-orders',
  'orders-service-password': 'not-a-real-password',
  'client-id': 'catalogue-client',
  'client-secret': 'catalogue-secret',
  'partner-signing-key': Buffer.from('partner-signing-key-for-the-catalogue').toString('base64'),
  'webhook-secret': 'catalogue-webhook-secret',
  'backend-api-key': 'catalogue-backend-key',
  'jwt-signing-key': Buffer.from('a-32-byte-symmetric-key-for-jwt!').toString('base64'),
};

/** Loading never fetches keys; a policy that tried would fail its request, not the load. */
const NO_KEYS: SigningKeyResolver = {
  issuerOf: () => Promise.reject(new Error('the catalogue resolves no OpenID configuration')),
  keyOf: () => Promise.reject(new Error('the catalogue resolves no signing keys')),
  version: 0,
  close: () => undefined,
};

/**
 * Services a policy needs to load (send-request, cache-*, trace, quota …) but the catalogue never
 * runs: it only loads documents, so each rejects or does nothing.
 */
const NOT_AT_LOAD = () => Promise.reject(new Error('the catalogue only loads policies'));
const NO_HTTP: PolicyHttpClient = { send: NOT_AT_LOAD };
const NO_CACHE: PolicyCache = { get: NOT_AT_LOAD, set: NOT_AT_LOAD, delete: NOT_AT_LOAD };
// Not a literal typed QuotaStore: its interface is growing (`add`), and extra members are harmless.
const quotaMethods = { take: NOT_AT_LOAD, add: NOT_AT_LOAD };
const NO_QUOTAS: QuotaStore = quotaMethods;
const NO_IDENTITY: ManagedIdentityTokenSource = { getToken: NOT_AT_LOAD };
const NO_TELEMETRY: PolicyTelemetry = { trace: () => undefined, metric: () => undefined, event: () => undefined };

/**
 * Loads a document as the gateway does at start-up (readPolicyDocument, then every section through
 * the policy registry with validate-jwt, named values substituted, expressions compiled), as one
 * API-scope document whose `<base />` stands for nothing.
 */
export function createDocumentCompiler(): DocumentCompiler {
  const registry = createPolicyRegistry([tokenValidationPolicy('validate-jwt')]);
  const services: GatewayServices = {
    namedValues: CATALOGUE_NAMED_VALUES,
    rateLimits: new MemoryRateLimitStore(() => 0),
    signingKeys: NO_KEYS,
    now: () => 0,
    http: NO_HTTP,
    cache: NO_CACHE,
    quotas: NO_QUOTAS,
    managedIdentity: NO_IDENTITY,
    telemetry: NO_TELEMETRY,
    openApiDocuments: new Map(),
  };
  return (file, xml) => {
    const document = readPolicyDocument({ file, xml }, 'api');
    for (const section of SECTIONS) {
      const elements = (document.sections[section] ?? []).filter((element) => element.name !== 'base');
      registry.compileSection(
        elements,
        createCompileContext({ file, scope: 'api', section, services, registry, compileExpression }),
      );
    }
  };
}
