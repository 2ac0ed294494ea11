import type { ImportOptions } from '@stack/claim-policy';
import { Readable } from 'node:stream';
import type { Body, GatewayContext } from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';
import { PolicyEngine } from '../engine/policy-engine';
import type { SigningKeyResolver } from '../keys/signing-key-resolver';
import type { GatewayServices } from '../policies/gateway-services';
import { apiSchema, type ProductDefinition, type SubscriptionDefinition } from '../model/config-schemas';
import type { GatewayDefinition, PolicySource } from '../model/gateway-definition';
import { substituteNamedValues } from '../model/named-values';
import { MemoryRateLimitStore } from '../policies/rate-limit/memory-rate-limit-store';
import { MemoryPolicyCache } from '../policies/integration/memory-policy-cache';
import { MemoryQuotaStore } from '../policies/access/memory-quota-store';
import { NO_SIGNING_KEYS } from './static-signing-keys';
import {
  headerRecord,
  toHeaderBag,
  type ForwardedRequest,
  type TestBackendAnswer,
  type TestRequest,
  type TestResult,
} from './test-exchange';

/** An operation of the API under test; default: one per HTTP method on `/*` (any path). */
export interface TestOperation {
  readonly id: string;
  readonly method: string;
  readonly urlTemplate: string;
  readonly name?: string;
}

export interface PolicyTestHostOptions {
  /** Policy XML per scope, as in APIM: global, product (by id), API, operation (by id). */
  readonly policies?: {
    readonly global?: string;
    readonly products?: Readonly<Record<string, string>>;
    readonly api?: string;
    readonly operations?: Readonly<Record<string, string>>;
    /** Policy fragments by id (`<fragment>` XML) for include-fragment. */
    readonly fragments?: Readonly<Record<string, string>>;
  };
  /** `{{name}}` values. */
  readonly namedValues?: Readonly<Record<string, string>>;
  /** The API under test. Default: id `api`, root path, backend `https://backend.test`, no subscription required. */
  readonly api?: {
    readonly id?: string;
    readonly name?: string;
    /** URL suffix, e.g. `echo`. */
    readonly path?: string;
    readonly serviceUrl?: string;
    readonly subscriptionRequired?: boolean;
    readonly operations?: readonly TestOperation[];
  };
  readonly products?: readonly ProductDefinition[];
  readonly subscriptions?: readonly SubscriptionDefinition[];
  /** Keys for validate-jwt's `<openid-config>` (see `staticSigningKeys`). Default: none (lookups fail). */
  readonly signingKeys?: SigningKeyResolver;
  /** The backend: gets what the pipeline forwards. Default: 200 with an empty body. */
  readonly backend?: (request: ForwardedRequest) => TestBackendAnswer | Promise<TestBackendAnswer>;
  /** Epoch milliseconds (token lifetimes, rate limits, `DateTime.UtcNow`). Default: Date.now. */
  readonly now?: () => number;
  /** validate-azure-ad-token's host mapping. */
  readonly entra?: ImportOptions['entra'];
  /** Services of the integration, caching and access policies (HTTP client, cache, quotas, managed identity, telemetry). */
  readonly services?: Partial<
    Pick<GatewayServices, 'http' | 'cache' | 'quotas' | 'managedIdentity' | 'telemetry' | 'openApiDocuments'>
  >;
}

const ANY_METHOD = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const ORIGIN = 'https://gateway.test';

/**
 * Runs APIM policy documents in-process, with no HTTP server: build it from policy XML and named
 * values (every policy and expression compiles here; a bad one throws GatewayConfigError naming the
 * file and line), send requests, read the response, what reached the backend, the variables and
 * the trace. The same engine the gateway runs.
 *
 * @example
 * const host = new PolicyTestHost({ policies: { api: xml }, namedValues: { tier: 'gold' } });
 * const result = await host.send({ method: 'GET', path: '/orders', headers: { 'X-Tier': 'gold' } });
 * expect(result.status).toBe(200);
 */
export class PolicyTestHost {
  readonly engine: PolicyEngine;

  constructor(private readonly options: PolicyTestHostOptions = {}) {
    const definition = definitionOf(options);
    this.engine = new PolicyEngine(definition, {
      services: {
        namedValues: options.namedValues ?? {},
        rateLimits: new MemoryRateLimitStore(options.now ?? Date.now),
        signingKeys: options.signingKeys ?? NO_SIGNING_KEYS,
        now: options.now ?? Date.now,
        quotas: new MemoryQuotaStore(options.now ?? Date.now),
        fragments: definition.policies.fragments,
        // APIM's internal cache, one per host (tests may pass their own).
        cache: new MemoryPolicyCache(),
        ...options.services,
      },
      entra: options.entra,
    });
  }

  /** Sends one request through the composed policy. */
  async send(request: TestRequest): Promise<TestResult> {
    const headers = toHeaderBag(request.headers);
    let forwarded: ForwardedRequest | undefined;
    const outcome = await this.engine.handle(
      {
        method: request.method ?? 'GET',
        url: new URL(request.path, ORIGIN),
        headers,
        ipAddress: request.ipAddress ?? '127.0.0.1',
        body: bodyOf(request.body, headers),
        trace: true,
      },
      { forward: (context) => this.forward(context, (sent) => (forwarded = sent)) },
    );
    if (outcome.kind !== 'ran')
      return resultOf(outcome.response.statusCode, outcome.response.headers, await textOf(outcome.response.body));
    const { context } = outcome;
    const response = context.ensureResponse();
    return {
      ...resultOf(response.statusCode, response.headers, await textOf(response.body)),
      forwarded,
      variables: Object.fromEntries(context.variables),
      trace: context.trace ?? [],
      lastError: context.lastError,
      context,
    };
  }

  private async forward(context: GatewayContext, record: (request: ForwardedRequest) => void): Promise<void> {
    const sent: ForwardedRequest = {
      method: context.request.method,
      url: context.backendUrl().href,
      headers: headerRecord(context.request.headers),
      body: await textOf(context.request.body),
    };
    record(sent);
    const answer = (await this.options.backend?.(sent)) ?? {};
    const headers = new HeaderBag();
    for (const [name, value] of Object.entries(answer.headers ?? {})) headers.set(name, [value]);
    const body = typeof answer.body === 'object' ? JSON.stringify(answer.body) : (answer.body ?? '');
    if (typeof answer.body === 'object' && !headers.get('content-type'))
      headers.set('Content-Type', ['application/json']);
    context.response = { statusCode: answer.status ?? 200, headers, body };
  }
}

function resultOf(status: number, headers: HeaderBag, text: string): TestResult {
  return {
    status,
    headers: headerRecord(headers),
    text,
    json: <T>() => JSON.parse(text) as T,
    variables: {},
    trace: [],
  };
}

function bodyOf(body: TestRequest['body'], headers: HeaderBag): Body {
  if (body === undefined || typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (!headers.get('content-type')) headers.set('Content-Type', ['application/json']);
  return JSON.stringify(body);
}

async function textOf(body: Body): Promise<string> {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function definitionOf(options: PolicyTestHostOptions): GatewayDefinition {
  const namedValues = options.namedValues ?? {};
  const input = options.api ?? {};
  const id = input.id ?? 'api';
  const operations =
    input.operations ?? ANY_METHOD.map((method) => ({ id: method.toLowerCase(), method, urlTemplate: '/*' }));
  const api = apiSchema.parse({
    id,
    name: input.name,
    path: input.path ?? '',
    serviceUrl: substituteNamedValues(input.serviceUrl ?? 'https://backend.test', namedValues, {
      file: 'api',
      element: 'serviceUrl',
    }),
    subscriptionRequired: input.subscriptionRequired ?? false,
    operations,
  });
  const policies = options.policies ?? {};
  const source = (file: string, xml: string): PolicySource => ({ file, xml });
  const byId = (folder: string, xmls: Readonly<Record<string, string>> = {}) =>
    new Map(Object.entries(xmls).map(([key, xml]) => [key, source(`policies/${folder}/${key}.xml`, xml)]));
  return {
    namedValues,
    apis: [api],
    products: options.products ?? [],
    subscriptions: options.subscriptions ?? [],
    policies: {
      global: policies.global === undefined ? undefined : source('policies/global.xml', policies.global),
      products: byId('products', policies.products),
      apis: policies.api === undefined ? new Map() : new Map([[id, source(`policies/apis/${id}.xml`, policies.api)]]),
      operations: new Map(
        Object.entries(policies.operations ?? {}).map(([operation, xml]) => [
          `${id}/${operation}`,
          source(`policies/operations/${id}/${operation}.xml`, xml),
        ]),
      ),
      fragments: new Map(
        Object.entries(policies.fragments ?? {}).map(([fragment, xml]) => [
          fragment,
          source(`fragments/${fragment}.xml`, xml),
        ]),
      ),
    },
    openApiDocuments: new Map(),
  };
}
