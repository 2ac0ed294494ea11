import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { HeaderBag } from './header-bag';

/** Policy scopes, broad to narrow (apim.md §3). */
export type PolicyScope = 'global' | 'product' | 'api' | 'operation';
/** Sections of a policy document, in the order a request meets them. */
export type PolicySection = 'inbound' | 'backend' | 'outbound' | 'on-error';

/** A request or response body: a stream straight from the socket, or bytes a policy set. */
export type Body = Readable | Buffer | string | undefined;

/** `context.Api` */
export interface ApiInfo {
  readonly id: string;
  readonly name: string;
  /** Path suffix under the gateway, without slashes, e.g. `echo`. */
  readonly path: string;
  readonly serviceUrl: string;
}

/** `context.Operation` */
export interface OperationInfo {
  readonly id: string;
  readonly name: string;
  readonly method: string;
  readonly urlTemplate: string;
}

/** `context.Product` (absent when the subscription is scoped to an API or to all APIs). */
export interface ProductInfo {
  readonly id: string;
  readonly name: string;
}

/** `context.Subscription` */
export interface SubscriptionInfo {
  readonly id: string;
  readonly name: string;
  /** The key this request used. */
  readonly key: string;
  readonly primaryKey: string;
  readonly secondaryKey: string;
}

/** `context.LastError` (apim.md §1.6, error-handling doc). */
export interface LastError {
  readonly source: string;
  readonly reason: string;
  readonly message: string;
  readonly scope?: PolicyScope;
  readonly section?: PolicySection;
  readonly path?: string;
  readonly policyId?: string;
}

/** How one trip to the backend may be cut short (forward-request's timeout). */
export interface ForwardOptions {
  /** Aborting it abandons the backend call: its connection is closed, the forward rejects. */
  readonly signal?: AbortSignal;
}

/** One policy statement a request went through, for tests and diagnostics (the host turns it on). */
export interface TraceEntry {
  readonly scope: PolicyScope;
  readonly section: PolicySection;
  /** Element name, e.g. `validate-jwt`. */
  readonly policy: string;
  readonly file: string;
  readonly line?: number;
  readonly policyId?: string;
  /** `ended` when the statement ended the pipeline (return-response), `failed` when it raised the error. */
  readonly outcome: 'done' | 'ended' | 'failed';
}

/** The request as policies see and change it. */
export interface RequestState {
  method: string;
  /** The URL the client called, e.g. `http://localhost:8080/echo/resource?param1=x`. Never changes. */
  readonly originalUrl: URL;
  headers: HeaderBag;
  /** Client address (IPv4-mapped IPv6 prefixes removed). */
  readonly ipAddress: string;
  body: Body;
  /** Values of the operation's URL template parameters, e.g. `{id}`. */
  readonly matchedParameters: Readonly<Record<string, string>>;
}

/**
 * Where the request goes. `context.Request.Url` is `baseUrl` + `path` + `query`: `set-backend-service`
 * changes `baseUrl`, `rewrite-uri` changes `path` and `query`.
 */
export interface BackendTarget {
  baseUrl: string;
  /** Path below the API's suffix, starting with `/`, e.g. `/resource`. */
  path: string;
  query: URLSearchParams;
}

/** The response: from the backend, or built by `return-response` / a failure. */
export interface ResponseState {
  statusCode: number;
  reason?: string;
  headers: HeaderBag;
  body: Body;
}

export interface GatewayContextInit {
  readonly method: string;
  readonly originalUrl: URL;
  readonly headers: HeaderBag;
  readonly ipAddress: string;
  readonly body?: Body;
  readonly api: ApiInfo;
  readonly operation: OperationInfo;
  readonly matchedParameters?: Readonly<Record<string, string>>;
  readonly backendPath: string;
  readonly product?: ProductInfo;
  readonly subscription?: SubscriptionInfo;
  readonly now?: () => number;
  /** Record every statement run in `trace` (off by default: the gateway does not pay for it). */
  readonly trace?: boolean;
}

/**
 * Everything one request carries through the pipeline; the policy expression `context` reads it
 * (expressions/context-view.ts maps APIM's C# member names onto it).
 */
export class GatewayContext {
  readonly requestId = randomUUID();
  readonly timestamp: Date;
  readonly request: RequestState;
  readonly backend: BackendTarget;
  response?: ResponseState;
  readonly variables = new Map<string, unknown>();
  readonly api: ApiInfo;
  readonly operation: OperationInfo;
  readonly product?: ProductInfo;
  readonly subscription?: SubscriptionInfo;
  lastError?: LastError;
  /** Why the failure in `lastError` happened, for the request log only (e.g. the identity provider is down). */
  failureCause?: string;
  readonly deployment = { region: 'local', serviceName: 'stack-gateway' } as const;
  /** Sends the request to the backend now (set by the pipeline; forward-request and retry call it). */
  forwardToBackend?: (options?: ForwardOptions) => Promise<void>;
  /** The request went to the backend in this run (the pipeline then does not forward it again). */
  forwarded = false;
  /** Statements run so far, in order, when the context was created with `trace: true`. */
  readonly trace?: TraceEntry[];
  /** Epoch milliseconds: the gateway's injected clock (tests replace it); policy expressions read it too. */
  readonly clock: () => number;

  constructor(init: GatewayContextInit) {
    this.clock = init.now ?? Date.now;
    if (init.trace) this.trace = [];
    this.timestamp = new Date(this.clock());
    this.request = {
      method: init.method,
      originalUrl: init.originalUrl,
      headers: init.headers,
      ipAddress: init.ipAddress,
      body: init.body,
      matchedParameters: init.matchedParameters ?? {},
    };
    this.api = init.api;
    this.operation = init.operation;
    this.product = init.product;
    this.subscription = init.subscription;
    this.backend = {
      baseUrl: init.api.serviceUrl,
      path: init.backendPath,
      query: new URLSearchParams(init.originalUrl.search),
    };
  }

  /** `context.Request.Url`: where the request will be forwarded. */
  backendUrl(): URL {
    const base = this.backend.baseUrl.replace(/\/+$/, '');
    const query = this.backend.query.toString();
    return new URL(`${base}${this.backend.path}${query ? `?${query}` : ''}`);
  }

  /** `context.Elapsed` in milliseconds. */
  elapsedMs(): number {
    return this.clock() - this.timestamp.getTime();
  }

  /** Starts (or replaces) the response a `return-response`, `set-status` or failure builds. */
  ensureResponse(): ResponseState {
    this.response ??= { statusCode: 200, headers: new HeaderBag(), body: undefined };
    return this.response;
  }
}
