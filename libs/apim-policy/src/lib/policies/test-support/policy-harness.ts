import { parsePolicyXml } from '../../xml/read-policy-xml';
import { GatewayConfigError, type ConfigLocation } from '../../errors/gateway-config-error';
import { compileExpression, type CompiledExpression } from '../../expressions';
import type { SigningKeyResolver } from '../../keys/signing-key-resolver';
import {
  GatewayContext,
  type GatewayContextInit,
  type PolicyScope,
  type PolicySection,
} from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import { createCompileContext } from '../compile-context';
import type { GatewayServices } from '../gateway-services';
import { runSteps, type PolicyStep, type StepResult } from '../policy-step';
import { MemoryRateLimitStore } from '../rate-limit/memory-rate-limit-store';
import { createPolicyRegistry, type PolicyRegistry } from '../registry';

/** Expressions a test understands, by source text (the real compiler lives in ../expressions). */
export type TestExpressions = Readonly<Record<string, (context: GatewayContext) => unknown>>;

export interface HarnessOptions {
  readonly namedValues?: Readonly<Record<string, string>>;
  /** A lookup table, or `real` for the gateway's expression compiler. */
  readonly expressions?: TestExpressions | 'real';
}

/** Per-request overrides; `headers` as a plain object. */
export type ContextOverrides = Partial<Omit<GatewayContextInit, 'headers'>> & {
  readonly headers?: Record<string, string | string[]>;
};

export const TEST_FILE = 'config/gateway/policies/test.xml';

/**
 * Compiles policy XML the way the gateway does (parsePolicyXml → registry → compile context) and
 * builds request contexts on a fake clock. Expressions come from a lookup table, so each test says
 * exactly what its expressions return.
 */
export class PolicyHarness {
  /** Fake epoch milliseconds. */
  nowMs = Date.UTC(2024, 0, 1);
  readonly store = new MemoryRateLimitStore(() => this.nowMs);
  readonly services: GatewayServices;
  readonly registry: PolicyRegistry = createPolicyRegistry();
  /** Locations the test compiler was called with. */
  readonly compiled: Array<{ source: string; location: ConfigLocation }> = [];

  constructor(private readonly options: HarnessOptions = {}) {
    this.services = {
      namedValues: options.namedValues ?? {},
      rateLimits: this.store,
      signingKeys: {} as SigningKeyResolver,
      now: () => this.nowMs,
    };
  }

  /** Statements of one section. */
  compile(xml: string, section: PolicySection = 'inbound', scope: PolicyScope = 'api'): PolicyStep[] {
    const elements = parsePolicyXml(xml, { fileName: TEST_FILE });
    const context = createCompileContext({
      file: TEST_FILE,
      scope,
      section,
      services: this.services,
      registry: this.registry,
      compileExpression: (source, location) => this.compileExpression(source, location),
    });
    return this.registry.compileSection(elements, context);
  }

  /** The load-time error `xml` causes. */
  loadError(xml: string, section: PolicySection = 'inbound', scope: PolicyScope = 'api'): GatewayConfigError {
    try {
      this.compile(xml, section, scope);
    } catch (error) {
      if (error instanceof GatewayConfigError) return error;
      throw error;
    }
    throw new Error('expected a GatewayConfigError');
  }

  context(overrides: ContextOverrides = {}): GatewayContext {
    const { headers, ...rest } = overrides;
    return new GatewayContext({
      method: 'GET',
      originalUrl: new URL('http://localhost:8080/echo/resource?param1=sample'),
      headers: HeaderBag.from(headers ?? {}),
      ipAddress: '127.0.0.1',
      api: { id: 'echo-api', name: 'Echo API', path: 'echo', serviceUrl: 'http://backend.test/api' },
      operation: { id: 'retrieve-resource', name: 'Retrieve resource', method: 'GET', urlTemplate: '/resource' },
      backendPath: '/resource',
      now: () => this.nowMs,
      ...rest,
    });
  }

  run(steps: readonly PolicyStep[], context: GatewayContext): Promise<StepResult> {
    return runSteps(steps, context);
  }

  advanceSeconds(seconds: number): void {
    this.nowMs += seconds * 1000;
  }

  private compileExpression(source: string, location: ConfigLocation): CompiledExpression {
    this.compiled.push({ source, location });
    const { expressions } = this.options;
    if (expressions === 'real') return compileExpression(source, location);
    const evaluate = expressions?.[source];
    if (!evaluate) {
      throw new GatewayConfigError('EXPRESSION_INVALID', 'the test compiler does not know this expression.', {
        ...location,
        expression: source,
      });
    }
    return { source, evaluate };
  }
}

/** A subscription for rate-limit tests. */
export function subscription(id: string): GatewayContextInit['subscription'] {
  return { id, name: id, key: `${id}-key`, primaryKey: `${id}-key`, secondaryKey: `${id}-key-2` };
}

/** The rejection of `promise`, or an error when it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
