/**
 * @stack/claim-policy: one framework-free engine for every authorization decision in the stack.
 * See README.md for the model, the reason codes and the rules chosen where APIM is silent.
 */
export * from './lib/model';
export * from './lib/decision';
export { createPolicy, withDiscoveredIssuers, DEFAULT_POLICY } from './lib/defaults';
export { evaluate } from './lib/evaluate';
export { deny, ALLOWED } from './lib/deny';
export { toBearerError } from './lib/mapping/bearer-mapping';
export { toApimError } from './lib/mapping/apim-mapping';
export {
  parseCompactJws,
  DEFAULT_COMPACT_JWS_LIMITS,
  type CompactJwsLimits,
  type ParsedCompactJws,
} from './lib/token/compact-jws';
export { verifyJwsSignature, isVerifiableAlgorithm } from './lib/token/jws-signature';
export { VerifiedTokenCache, type VerifiedToken } from './lib/token/verified-token-cache';
export { isCanonicalBase64url } from './lib/token/canonical-base64url';
export { escapeControlCharacters, isControlCharacter } from './lib/text/escape-control-characters';
export {
  boundedValue,
  jsonTextWithin,
  renderBounded,
  nestsWithin,
  NESTED_TOO_DEEP,
  MAX_RENDER_DEPTH,
} from './lib/text/bounded-value';
export { extractToken, type ExtractedToken, type TokenRequest, type HttpValues } from './lib/token-source';
export { entraPreset, requiredRoles, type EntraPresetOptions } from './lib/entra/preset';
export { clientIdOf, readClientId, tokenVersionOf, isGuid, type TokenVersion } from './lib/entra/token-facts';
export { tokenKindOf, tokenShapeOf, type TokenKindFacts } from './lib/entra/token-kind';
export { describePermissionDenial } from './lib/hints/permission-hints';
export { importValidateJwtElement, IMPORTABLE_ELEMENTS } from './lib/xml/import-validate-jwt-xml';
export type { PolicyElement } from './lib/xml/policy-element';
export { PolicyImportError, type PolicyImportErrorCode, type PolicyLocation } from './lib/xml/policy-import-error';
export type { ImportOptions } from './lib/xml/import-options';
export * from './lib/doctor';
