import type { ImportOptions } from '@stack/claim-policy';
import { GatewayContext, type Body } from '../context/gateway-context';
import type { HeaderBag } from '../context/header-bag';
import type { GatewayDefinition } from '../model/gateway-definition';
import type { GatewayServices } from '../policies/gateway-services';
import { PolicyFailure } from '../policies/policy-step';
import { createPolicyRegistry, type PolicyRegistry } from '../policies/registry';
import { tokenValidationPolicy } from '../policies/validate-jwt/validate-jwt.policy';
import { compileGateway, type CompiledPipelines } from '../pipeline/compile-gateway';
import { failureResponse, runPipeline, type RunPipelineOptions } from '../pipeline/run-pipeline';
import { OperationMatcher, type RouteMatch } from '../routing/operation-matcher';
import { SubscriptionCheck, type SubscriptionOutcome } from '../subscriptions/subscription-check';

/** A request as the engine sees it: no sockets, no framework. */
export interface EngineRequest {
  readonly method: string;
  /** The URL the client called, e.g. `http://localhost:8080/echo/resource?x=1`. */
  readonly url: URL;
  readonly headers: HeaderBag;
  readonly ipAddress: string;
  readonly body?: Body;
  /** Record every statement run in `context.trace`. */
  readonly trace?: boolean;
}

/** What happened: no operation (404), a subscription refusal (401), or the pipeline ran. */
export type EngineOutcome =
  | { readonly kind: 'not-found'; readonly response: ReturnType<typeof failureResponse>; readonly reason: string }
  | {
      readonly kind: 'refused';
      readonly response: ReturnType<typeof failureResponse>;
      readonly reason: string;
      readonly apiId: string;
    }
  | { readonly kind: 'ran'; readonly context: GatewayContext; readonly productId?: string };

export interface PolicyEngineOptions {
  readonly services: GatewayServices;
  /** How `validate-azure-ad-token` maps Entra's hosts (e.g. to a local identity service). */
  readonly entra?: ImportOptions['entra'];
  /** Default: the built-in statements plus validate-jwt and validate-azure-ad-token. */
  readonly registry?: PolicyRegistry;
}

/**
 * APIM's request path over a gateway definition, framework-free: match the operation, check the
 * subscription key, run the composed policy (inbound, backend, forward, outbound, on-error). Every
 * policy compiles when the engine is built, so a bad policy fails here, naming file and line. The
 * HTTP gateway and the in-process test host both drive this one class.
 */
export class PolicyEngine {
  readonly pipelines: CompiledPipelines;
  private readonly matcher: OperationMatcher;
  private readonly subscriptions: SubscriptionCheck;

  constructor(
    readonly definition: GatewayDefinition,
    private readonly options: PolicyEngineOptions,
  ) {
    const registry =
      options.registry ??
      createPolicyRegistry([
        tokenValidationPolicy('validate-jwt'),
        tokenValidationPolicy('validate-azure-ad-token', options.entra ?? {}),
      ]);
    this.pipelines = compileGateway(definition, { services: options.services, registry });
    this.matcher = new OperationMatcher(definition.apis);
    this.subscriptions = new SubscriptionCheck(definition.subscriptions, definition.products);
  }

  private preflight(method: string, request: EngineRequest): EngineMatch | undefined {
    if (method !== 'OPTIONS' || !request.headers.get('origin')) return undefined;
    const requested = request.headers.joined('access-control-request-method')?.trim().toUpperCase();
    const match = this.matcher.matchPreflight(request.url.pathname, requested);
    if (!match || !this.pipelines.for(match.api, match.operation, undefined).answersPreflight) return undefined;
    return { ...match, preflight: true };
  }

  /** Runs one request; `run.forward` sends it to the backend and sets `context.response`. */
  async handle(request: EngineRequest, run: RunPipelineOptions): Promise<EngineOutcome> {
    const method = request.method.toUpperCase();
    const match: EngineMatch | undefined =
      this.matcher.match(method, request.url.pathname) ?? this.preflight(method, request);
    if (!match) return { kind: 'not-found', response: failureResponse(NOT_FOUND), reason: NOT_FOUND.reason };
    let outcome: SubscriptionOutcome;
    try {
      // A browser never sends the subscription key on a preflight (docs/decisions/011).
      outcome = match.preflight ? {} : this.subscriptions.check(match.api, request.headers, request.url.searchParams);
    } catch (error) {
      if (!(error instanceof PolicyFailure)) throw error;
      return { kind: 'refused', response: failureResponse(error), reason: error.reason, apiId: match.api.id };
    }
    const context = new GatewayContext({
      method,
      originalUrl: request.url,
      headers: request.headers,
      ipAddress: request.ipAddress,
      body: method === 'GET' || method === 'HEAD' ? undefined : request.body,
      api: {
        id: match.api.id,
        name: match.api.name ?? match.api.id,
        path: match.api.path,
        serviceUrl: match.api.serviceUrl,
      },
      operation: {
        id: match.operation.id,
        name: match.operation.name ?? match.operation.id,
        method: match.operation.method,
        urlTemplate: match.operation.urlTemplate,
      },
      matchedParameters: match.parameters,
      backendPath: match.backendPath,
      product: outcome.product,
      subscription: outcome.subscription,
      now: this.options.services.now,
      trace: request.trace,
    });
    await runPipeline(context, this.pipelines.for(match.api, match.operation, outcome.product?.id), run);
    context.ensureResponse();
    return { kind: 'ran', context, productId: outcome.product?.id };
  }
}

/** A CORS preflight to an operation that declares no OPTIONS, when the API's policy holds `cors`. */
type EngineMatch = RouteMatch & { readonly preflight?: boolean };

const NOT_FOUND = { status: 404, message: 'Resource not found', reason: 'OperationNotFound' };
