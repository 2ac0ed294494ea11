import {
  deny,
  evaluate,
  extractToken,
  importValidateJwtElement,
  PolicyImportError,
  withDiscoveredIssuers,
  type ClaimPolicy,
  type Decision,
  type HttpValues,
  type ImportOptions,
  type PolicyElement,
  type Reason,
} from '@stack/claim-policy';
import { VerifiedTokenCache } from '@stack/claim-policy';
import { fromImportError } from '../../errors/from-import-error';
import { KeyResolutionError } from '../../keys/key-resolution-error';
import type { CompiledExpression } from '../../expressions/compiled-expression';
import type { GatewayContext } from '../../context/gateway-context';
import { JwtValue } from '../../context/jwt-value';
import { PolicyFailure, type PolicyCompileContext, type PolicyDefinition, type PolicyStep } from '../policy-step';
import { collectExpressions } from './collect-expressions';
import { inlineKeysOf, verifyToken, type InlineKey, type VerifiedToken } from './verify-token';

type TokenPolicyName = 'validate-jwt' | 'validate-azure-ad-token';

type SignedToken = Extract<VerifiedToken, { ok: true }>;

/** The provider's keys could not be fetched: APIM has no 503 here, the token's key is simply not resolved. */
const KEY_UNAVAILABLE: Reason = {
  code: 'ERR_KEY_NOT_FOUND',
  claim: 'kid',
  hint: "The signing keys of the policy's OpenID configuration cannot be fetched now.",
};

/** No `<issuers>` and the OpenID configuration that names the issuer cannot be fetched. */
const ISSUER_UNVERIFIABLE: Reason = {
  code: 'ERR_ISS_MISMATCH',
  claim: 'iss',
  hint: "The issuer cannot be checked: the policy's OpenID configuration cannot be fetched now.",
};

/**
 * `validate-jwt` and `validate-azure-ad-token` (apim.md §1, §2): the XML is imported and every
 * decision made by libs/claim-policy, the same engine the NestJS services use; this step only finds
 * the token, checks the signature with the configured keys and turns a denial into APIM's failure
 * (status `failed-validation-httpcode`, body message, LastError reason).
 *
 * `entra` says where validate-azure-ad-token finds Entra (the local identity service when mapped).
 */
export function tokenValidationPolicy(name: TokenPolicyName, entra: ImportOptions['entra'] = {}): PolicyDefinition {
  return {
    name,
    sections: ['inbound'],
    compile(element, context) {
      refuseCertificateKeys(element, context);
      const expressions = collectExpressions(element, context);
      const importAt = (evaluateExpression?: (source: string) => string) =>
        importValidateJwtElement(element, {
          namedValues: context.services.namedValues,
          evaluateExpression,
          fileName: context.file,
          entra,
        });
      // Without expressions the policy is the same for every request: import (and validate) it once.
      const fixed = expressions.size === 0 ? loadTime(() => importAt(), element, context) : undefined;
      const fixedKeys = fixed && inlineKeysOf(fixed);
      return new TokenValidationStep(context, element, fixed, fixedKeys, (ctx) =>
        importAt((source) => evaluateExpression(expressions, source, ctx)),
      );
    },
  };
}

class TokenValidationStep implements PolicyStep {
  readonly location;
  /** Key objects of per-request policies, by key material: expressions rarely change the keys. */
  private readonly keyCache = new Map<string, InlineKey[]>();
  /**
   * Tokens whose signature checked out, for a policy fixed at load time (its keys cannot change per request):
   * a repeated token skips the signature check; everything else is still decided per request (decision 009).
   */
  private readonly verifiedTokens?: VerifiedTokenCache<SignedToken>;

  constructor(
    private readonly context: PolicyCompileContext,
    element: PolicyElement,
    private readonly fixed: ClaimPolicy | undefined,
    private readonly fixedKeys: readonly InlineKey[] | undefined,
    private readonly importPerRequest: (ctx: GatewayContext) => ClaimPolicy,
  ) {
    this.location = context.locate(element);
    const { tokenCacheMaxEntries = 0, now } = context.services;
    if (fixed && tokenCacheMaxEntries > 0) this.verifiedTokens = new VerifiedTokenCache(tokenCacheMaxEntries, now);
  }

  async run(ctx: GatewayContext): Promise<void> {
    const policy = this.fixed ?? this.requestPolicy(ctx);
    const inlineKeys = this.fixedKeys ?? this.keysOf(policy);
    const { services } = this.context;

    const found = extractToken(policy.source, { headers: headerValues(ctx), query: queryValues(ctx) });
    if ('reasons' in found) throw this.failure(deny(policy, found.reasons));

    const verified = await this.verify(found.token, policy, inlineKeys);
    if (!verified.ok) throw this.failure(deny(policy, verified.reasons), verified.cause);

    const issuers = await this.discoveredIssuers(policy);
    const effective = issuers.found.length > 0 ? withDiscoveredIssuers(policy, issuers.found) : policy;
    const decision = evaluate(effective, verified.header, verified.claims, services.now());
    if (issuers.failure && issuers.found.length === 0) {
      // The issuer cannot be checked while the provider is down: refused as an unknown issuer would be.
      const reasons = decision.allowed ? [] : decision.reasons;
      throw this.failure(deny(policy, [...reasons, ISSUER_UNVERIFIABLE]), issuers.failure);
    }
    if (!decision.allowed) throw this.failure(decision, issuers.failure);
    if (policy.outputTokenVariableName) {
      ctx.variables.set(policy.outputTokenVariableName, new JwtValue(verified.header, verified.claims));
    }
  }

  /** Signature check; a key lookup that could not be done is the policy's failure, with its cause for the log. */
  private async verify(token: string, policy: ClaimPolicy, inlineKeys: readonly InlineKey[]): Promise<VerifiedToken> {
    const { signingKeys } = this.context.services;
    const version = signingKeys.version;
    const cached = this.verifiedTokens?.get(token, version);
    if (cached) return cached;
    try {
      const verified = await verifyToken(token, policy, signingKeys, inlineKeys);
      if (verified.ok && verified.signatureChecked) this.verifiedTokens?.set(token, verified, version);
      return verified;
    } catch (error) {
      if (!(error instanceof KeyResolutionError)) throw error;
      return { ok: false, reasons: [KEY_UNAVAILABLE], cause: error.message };
    }
  }

  /**
   * Without `<issuers>`, the issuers the policy's openid-config documents announce (apim.md §1.3). A document
   * that cannot be fetched contributes none; `failure` says why, for the log.
   */
  private async discoveredIssuers(policy: ClaimPolicy): Promise<{ found: string[]; failure?: string }> {
    if (policy.issuers.length > 0 || policy.openIdConfigUrls.length === 0) return { found: [] };
    const { signingKeys } = this.context.services;
    const results = await Promise.allSettled(policy.openIdConfigUrls.map((url) => signingKeys.issuerOf(url)));
    const found: string[] = [];
    let failure: string | undefined;
    for (const result of results) {
      if (result.status === 'fulfilled') found.push(result.value);
      else if (result.reason instanceof KeyResolutionError) failure = result.reason.message;
      else throw result.reason;
    }
    return { found, failure };
  }

  private keysOf(policy: ClaimPolicy): InlineKey[] {
    const material = JSON.stringify(policy.issuerSigningKeys);
    let keys = this.keyCache.get(material);
    if (!keys) {
      if (this.keyCache.size >= 64) this.keyCache.clear(); // bounded: keys computed per request stay cheap
      keys = inlineKeysOf(policy);
      this.keyCache.set(material, keys);
    }
    return keys;
  }

  private requestPolicy(ctx: GatewayContext): ClaimPolicy {
    try {
      return this.importPerRequest(ctx);
    } catch (error) {
      if (error instanceof PolicyFailure) throw error;
      throw new PolicyFailure(
        500,
        'Internal server error',
        this.location.element,
        'ExpressionValueEvaluationFailure',
        {},
        (error as Error).message,
      );
    }
  }

  private failure(decision: Decision, cause?: string): PolicyFailure {
    if (decision.allowed) throw new Error('a failure needs a denial');
    return new PolicyFailure(
      decision.apim.status,
      decision.apim.message,
      this.location.element,
      decision.apim.reason,
      {},
      {
        reasons: decision.reasons,
        ...(cause ? { cause } : {}),
      },
    );
  }
}

function evaluateExpression(expressions: ReadonlyMap<string, CompiledExpression>, source: string, ctx: GatewayContext) {
  const compiled = expressions.get(source) ?? expressions.get(source.trim());
  if (!compiled) throw new Error(`expression ${source} was not compiled at load time`);
  return expressionText(compiled.evaluate(ctx));
}

function expressionText(value: unknown): string {
  // Token validation only reads strings from expressions (audiences, issuers, token-value, numbers as text).
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Checked on the element itself, so a policy with expressions (imported per request) is refused at load time too. */
function refuseCertificateKeys(element: PolicyElement, context: PolicyCompileContext): void {
  const keys = element.children
    .filter((child) => child.name === 'issuer-signing-keys')
    .flatMap((child) => child.children);
  if (keys.some((key) => key.attributes['certificate-id'] !== undefined)) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      "certificate-id keys need APIM's certificate store, which this gateway does not have; use <openid-config>, n/e, or an inline Base64 key.",
    );
  }
}

function loadTime<T>(read: () => T, element: PolicyElement, context: PolicyCompileContext): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof PolicyImportError)) throw error;
    throw fromImportError(error, { file: context.file, element });
  }
}

/** Request headers as claim-policy reads them (repeated headers as arrays, to catch duplicates). */
function headerValues(ctx: GatewayContext): HttpValues {
  return Object.fromEntries(ctx.request.headers.toArray().map(([name, values]) => [name, values]));
}

function queryValues(ctx: GatewayContext): HttpValues {
  const query: Record<string, string[]> = {};
  for (const [name, value] of ctx.request.originalUrl.searchParams) (query[name] ??= []).push(value);
  return query;
}
