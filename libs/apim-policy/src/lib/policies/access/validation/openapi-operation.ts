import type { GatewayContext } from '../../../context/gateway-context';

/** The OpenAPI operation object of the request's operation, with its JSON pointer; undefined when not found. */
export interface OpenApiOperation {
  readonly document: Record<string, unknown>;
  readonly operation: Record<string, unknown>;
  /** JSON pointer of the operation object, e.g. `#/paths/~1orders/post`. */
  readonly pointer: string;
  readonly pathItem: Record<string, unknown>;
  readonly pathPointer: string;
}

/**
 * Finds the operation in the API's OpenAPI document: by `operationId` equal to the operation's id, else by the
 * operation's URL template and method.
 */
export function findOpenApiOperation(
  documents: ReadonlyMap<string, Record<string, unknown>>,
  ctx: GatewayContext,
): OpenApiOperation | undefined {
  const document = documents.get(ctx.api.id);
  const paths = document?.['paths'];
  if (!document || !isObject(paths)) return undefined;
  const method = ctx.operation.method.toLowerCase();
  let byTemplate: OpenApiOperation | undefined;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [verb, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      const pathPointer = `#/paths/${escapePointer(path)}`;
      const found = { document, operation, pointer: `${pathPointer}/${verb}`, pathItem: item, pathPointer };
      if (operation['operationId'] === ctx.operation.id) return found;
      if (verb === method && path === ctx.operation.urlTemplate) byTemplate = found;
    }
  }
  return byTemplate;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON-pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
