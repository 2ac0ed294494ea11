import type { ApiDefinition, OperationDefinition } from '../model/config-schemas';
import type { GatewayDefinition, PolicySource } from '../model/gateway-definition';
import type { ConfigLocation } from '../errors/gateway-config-error';
import { compileExpression, type CompiledExpression } from '../expressions';
import type { GatewayServices } from '../policies/gateway-services';
import type { PolicyRegistry } from '../policies/registry';
import { createCompileContext } from '../policies/compile-context';
import type { PolicyStep } from '../policies/policy-step';
import type { CompiledPipeline } from './compiled-pipeline';
import { composeSection } from './compose-scopes';
import type { PolicyScope, PolicySection } from '../context/gateway-context';
import { readPolicyDocument, type PolicyDocument } from './policy-document';

export interface CompileGatewayOptions {
  readonly services: GatewayServices;
  readonly registry: PolicyRegistry;
  /** Default: this library's C# compiler. */
  readonly compileExpression?: (source: string, location: ConfigLocation) => CompiledExpression;
}

/**
 * Compiles every operation's effective policy, for each product that publishes its API and for
 * calls outside a product (API-scoped or all-access keys, keyless APIs). Done once at start-up, so
 * any policy error stops the gateway before it listens, and no request pays for XML or composition.
 */
export function compileGateway(definition: GatewayDefinition, options: CompileGatewayOptions): CompiledPipelines {
  const documents = readDocuments(definition);
  const pipelines = new Map<string, CompiledPipeline>();
  for (const api of definition.apis) {
    const productIds = [undefined, ...definition.products.filter((p) => p.apis.includes(api.id)).map((p) => p.id)];
    for (const operation of api.operations) {
      for (const productId of productIds) {
        const chain = [
          documents.global,
          productId === undefined ? undefined : documents.products.get(productId),
          documents.apis.get(api.id),
          documents.operations.get(`${api.id}/${operation.id}`),
        ].filter((document): document is PolicyDocument => document !== undefined);
        pipelines.set(pipelineKey(api, operation, productId), compileChain(chain, options));
      }
    }
  }
  return new CompiledPipelines(pipelines);
}

/** Compiled pipelines by operation and product context. */
export class CompiledPipelines {
  constructor(private readonly pipelines: ReadonlyMap<string, CompiledPipeline>) {}

  for(api: ApiDefinition, operation: OperationDefinition, productId: string | undefined): CompiledPipeline {
    const pipeline = this.pipelines.get(pipelineKey(api, operation, productId));
    if (!pipeline) throw new Error(`no compiled pipeline for ${pipelineKey(api, operation, productId)}`);
    return pipeline;
  }
}

function pipelineKey(api: ApiDefinition, operation: OperationDefinition, productId: string | undefined): string {
  return `${api.id}/${operation.id}@${productId ?? ''}`;
}

function compileChain(chain: readonly PolicyDocument[], options: CompileGatewayOptions): CompiledPipeline {
  const bodyUsage = { readsBodies: false };
  const section = (name: PolicySection): PolicyStep[] =>
    composeSection(chain, name).map(({ element, scope, file }) =>
      options.registry.compile(
        element,
        createCompileContext({
          file,
          scope,
          section: name,
          services: options.services,
          registry: options.registry,
          compileExpression: options.compileExpression ?? compileExpression,
          bodyUsage,
        }),
      ),
    );
  const inbound = section('inbound');
  const backend = section('backend');
  const outbound = section('outbound');
  const onError = section('on-error');
  const answersPreflight = inbound.some((step) => step.location.element === 'cors');
  return { inbound, backend, outbound, onError, readsBodies: bodyUsage.readsBodies, answersPreflight };
}

interface Documents {
  readonly global?: PolicyDocument;
  readonly products: ReadonlyMap<string, PolicyDocument>;
  readonly apis: ReadonlyMap<string, PolicyDocument>;
  readonly operations: ReadonlyMap<string, PolicyDocument>;
}

function readDocuments(definition: GatewayDefinition): Documents {
  const read = (sources: ReadonlyMap<string, PolicySource>, scope: PolicyScope) =>
    new Map([...sources].map(([id, source]) => [id, readPolicyDocument(source, scope)]));
  const { policies } = definition;
  return {
    global: policies.global && readPolicyDocument(policies.global, 'global'),
    products: read(policies.products, 'product'),
    apis: read(policies.apis, 'api'),
    operations: read(policies.operations, 'operation'),
  };
}
