import type { ApiDefinition, OperationDefinition } from '../model/config-schemas';

/** A request matched to an API operation. */
export interface RouteMatch {
  readonly api: ApiDefinition;
  readonly operation: OperationDefinition;
  /** `{name}` values of the URL template, percent-decoded. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The path below the API suffix, as requested (e.g. `/resource`); the backend gets serviceUrl + this. */
  readonly backendPath: string;
}

interface CompiledOperation {
  readonly operation: OperationDefinition;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/**
 * Finds the API by its path suffix (longest first, as APIM), then the operation by method and URL
 * template (`/items/{id}`; literal segments before parameters, so `/items/new` beats `/items/{id}`).
 */
export class OperationMatcher {
  private readonly apis: ReadonlyArray<{ api: ApiDefinition; operations: CompiledOperation[] }>;

  constructor(apis: readonly ApiDefinition[]) {
    this.apis = [...apis]
      .sort((a, b) => b.path.length - a.path.length)
      .map((api) => ({
        api,
        operations: api.operations.map(compileTemplate).sort((a, b) => literalWeight(b) - literalWeight(a)),
      }));
  }

  /** The match, or `undefined` when no API or operation answers (APIM: 404 "Resource not found"). */
  match(method: string, pathname: string): RouteMatch | undefined {
    return this.find(pathname, (operationMethod) => operationMethod === method);
  }

  /**
   * For a CORS preflight (OPTIONS) no operation declares: the operation the browser asks about
   * (`requestedMethod`, from Access-Control-Request-Method), else any operation on that path.
   */
  matchPreflight(pathname: string, requestedMethod: string | undefined): RouteMatch | undefined {
    return (
      (requestedMethod ? this.find(pathname, (method) => method === requestedMethod) : undefined) ??
      this.find(pathname, () => true)
    );
  }

  private find(pathname: string, acceptsMethod: (method: string) => boolean): RouteMatch | undefined {
    for (const { api, operations } of this.apis) {
      const backendPath = remainderUnder(api.path, pathname);
      if (backendPath === undefined) continue;
      for (const candidate of operations) {
        if (!acceptsMethod(candidate.operation.method)) continue;
        const found = candidate.pattern.exec(backendPath);
        if (!found) continue;
        const parameters = decodeParameters(candidate.names, found.slice(1));
        if (parameters) return { api, operation: candidate.operation, parameters, backendPath };
      }
    }
    return undefined;
  }
}

function remainderUnder(apiPath: string, pathname: string): string | undefined {
  if (apiPath === '') return pathname || '/';
  const prefix = `/${apiPath}`;
  if (pathname === prefix) return '/';
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : undefined;
}

function compileTemplate(operation: OperationDefinition): CompiledOperation {
  const names: string[] = [];
  // APIM's wildcard: a template ending in `/*` matches that path and anything below it.
  const wildcard = operation.urlTemplate.endsWith('/*');
  const template = wildcard ? operation.urlTemplate.slice(0, -2) : operation.urlTemplate;
  const source = template
    .split(/(\{[^{}]+\})/)
    .map((part) => {
      const parameter = /^\{([^{}]+)\}$/.exec(part);
      if (!parameter) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(parameter[1]);
      return '([^/]+)';
    })
    .join('');
  return { operation, pattern: new RegExp(wildcard ? `^${source}(?:/.*)?$` : `^${source}/?$`), names };
}

function literalWeight(compiled: CompiledOperation): number {
  const { urlTemplate } = compiled.operation;
  // A wildcard is the last resort, after every template that names its segments.
  if (urlTemplate.endsWith('/*')) return -1;
  return urlTemplate.replace(/\{[^{}]+\}/g, '').length;
}

function decodeParameters(names: readonly string[], values: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  try {
    names.forEach((name, index) => (parameters[name] = decodeURIComponent(values[index])));
  } catch {
    return undefined;
  }
  return parameters;
}
