/**
 * @stack/apim-policy: Azure API Management's policy engine, framework-free. Reads policy documents,
 * compiles policy expressions (C#), composes scopes with `<base />` and runs a request through the
 * result over an abstract context with injected services. See README.md (and its in-process test
 * example: "test your APIM policies in CI").
 */
// Reading policy XML the way APIM does.
export { parsePolicyXml } from './lib/xml/read-policy-xml';
export { importValidateJwt } from './lib/xml/import-validate-jwt-xml';
export { escapeExpressions } from './lib/xml/escape-expressions';
// Load-time errors: file, line, element, attribute, expression.
export * from './lib/errors/gateway-config-error';
export { fromImportError } from './lib/errors/from-import-error';
// The gateway model: APIs, operations, products, subscriptions, named values.
export * from './lib/model/config-schemas';
export * from './lib/model/gateway-definition';
export { resolveNamedValues, substituteNamedValues } from './lib/model/named-values';
export { checkReferences } from './lib/model/check-references';
// Expressions.
export { compileExpression, isExpression, expressionValueToString } from './lib/expressions';
export { type CompiledExpression, ExpressionEvaluationError } from './lib/expressions';
// Policies and their services.
export * from './lib/policies';
export type { SigningKeyResolver } from './lib/keys/signing-key-resolver';
export { KeyResolutionError, describeFailure } from './lib/keys/key-resolution-error';
// Pipeline.
export * from './lib/context/gateway-context';
export { HeaderBag } from './lib/context/header-bag';
export { InvalidHeaderValueError, assertHeaderValue, toWireText, wireReasonPhrase } from './lib/context/header-value';
export { JwtValue } from './lib/context/jwt-value';
export { compileGateway, CompiledPipelines, type CompileGatewayOptions } from './lib/pipeline/compile-gateway';
export type { CompiledPipeline } from './lib/pipeline/compiled-pipeline';
export { readPolicyDocument, SECTIONS, type PolicyDocument } from './lib/pipeline/policy-document';
export { runPipeline, failureResponse, type HttpFailure, type RunPipelineOptions } from './lib/pipeline/run-pipeline';
// Routing and subscription keys.
export { OperationMatcher, type RouteMatch } from './lib/routing/operation-matcher';
export * from './lib/subscriptions/subscription-check';
// The engine: the whole APIM request path, framework-free (the gateway app is an HTTP shell around it).
export {
  PolicyEngine,
  type EngineOutcome,
  type EngineRequest,
  type PolicyEngineOptions,
} from './lib/engine/policy-engine';
// Testing policies in-process (README: "test your APIM policies in CI").
export { PolicyTestHost, type PolicyTestHostOptions, type TestOperation } from './lib/testing/policy-test-host';
export { staticSigningKeys, NO_SIGNING_KEYS, type StaticSigningKeysOptions } from './lib/testing/static-signing-keys';
export type { ForwardedRequest, TestBackendAnswer, TestRequest, TestResult } from './lib/testing/test-exchange';
export { DEFAULT_MAX_BUFFERED_BODY_BYTES } from './lib/pipeline/buffer-bodies';
// The token doctor's targets: the token policies per API and operation, and signing keys through the resolver.
export * from './lib/doctor';
