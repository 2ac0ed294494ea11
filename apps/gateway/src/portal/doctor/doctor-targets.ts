/**
 * The token policies of every API as the gateway loaded them (its in-memory GatewayDefinition, named values
 * resolved), as targets for claim-policy's diagnoseToken. Built once at start-up. The scopes follow decision 016:
 * the global and API `<inbound>` policies for the API, and each operation that adds a check of its own. An operation
 * that answers with `return-response` before `<base />` is named, because it checks no token. Product policies are
 * left out because they depend on the subscription, not on the API.
 */
import { parsePolicyXml, type GatewayDefinition, type PolicySource } from '@stack/apim-policy';
import {
  importValidateJwtElement,
  type DoctorTarget,
  type ImportOptions,
  type PolicyElement,
} from '@stack/claim-policy';

/**
 * A token policy inside a `<choose>` branch: it runs only when its condition holds, which depends on the request
 * (a policy expression) and is not evaluated here. Its checks are shown; its failures do not decide the API's result.
 */
export interface ScopedTarget extends DoctorTarget {
  /** e.g. `when @(...Claims.ContainsKey("scp"))`, or `otherwise (no <when> condition holds)`. */
  readonly condition?: string;
}

/** A token policy the doctor cannot evaluate on its own (e.g. its values come from policy expressions). */
export interface UncheckedPolicy {
  readonly label: string;
  readonly reason: string;
}

/** One operation that adds token checks, or that answers before the API's checks run. */
export interface DoctorOperation {
  readonly id: string;
  readonly name: string;
  readonly method: string;
  readonly urlTemplate: string;
  readonly targets: readonly ScopedTarget[];
  readonly unchecked: readonly UncheckedPolicy[];
  /** True when its `<inbound>` answers (return-response) before `<base />`: no token is checked there. */
  readonly answersBeforeBase: boolean;
}

/** One API: the checks every call meets, and the operations that differ. */
export interface DoctorApi {
  readonly id: string;
  readonly name: string;
  /** e.g. `/echo` */
  readonly path: string;
  readonly targets: readonly ScopedTarget[];
  readonly unchecked: readonly UncheckedPolicy[];
  readonly operations: readonly DoctorOperation[];
}

type Definition = Pick<GatewayDefinition, 'apis' | 'namedValues' | 'policies'>;

const TOKEN_POLICIES = new Set(['validate-jwt', 'validate-azure-ad-token']);

/**
 * Every API's token targets. `entra` is the same mapping the gateway's validate-azure-ad-token uses (the local
 * identity service's issuers in local mode). Never throws for a policy that cannot be imported: it becomes `unchecked`.
 */
export function doctorApis(definition: Definition, entra: ImportOptions['entra'] = {}): DoctorApi[] {
  const reader = new TokenPolicyReader(definition, entra);
  const { policies } = definition;
  return definition.apis.map((api): DoctorApi => {
    const broader = reader.targetsOf([policies.global, policies.apis.get(api.id)], '');
    const operations = api.operations.flatMap((operation): DoctorOperation[] => {
      const source = policies.operations.get(`${api.id}/${operation.id}`);
      if (!source) return [];
      const answersBeforeBase = reader.answersBeforeBase(source);
      const own = reader.targetsOf([source], `${operation.id}: `);
      if (!answersBeforeBase && own.targets.length === 0 && own.unchecked.length === 0) return [];
      return [
        {
          id: operation.id,
          name: operation.name ?? operation.id,
          method: operation.method.toUpperCase(),
          urlTemplate: operation.urlTemplate,
          answersBeforeBase,
          ...own,
        },
      ];
    });
    return {
      id: api.id,
      name: api.name ?? api.id,
      path: `/${api.path.replace(/^\/+|\/+$/g, '')}`,
      ...broader,
      operations,
    };
  });
}

class TokenPolicyReader {
  constructor(
    private readonly definition: Definition,
    private readonly entra: ImportOptions['entra'],
  ) {}

  targetsOf(
    sources: readonly (PolicySource | undefined)[],
    prefix: string,
  ): { targets: ScopedTarget[]; unchecked: UncheckedPolicy[] } {
    const targets: ScopedTarget[] = [];
    const unchecked: UncheckedPolicy[] = [];
    for (const source of sources) {
      if (!source) continue;
      for (const { element, condition } of this.tokenElements(this.parse(source), new Set())) {
        const file = element.file ?? source.file;
        const label = `${prefix}${element.name} (${file}${element.line ? `:${element.line}` : ''})${condition ? ' inside <choose>' : ''}`;
        try {
          const policy = importValidateJwtElement(element, {
            namedValues: this.definition.namedValues,
            entra: this.entra,
            fileName: file,
          });
          targets.push({ label, policy, ...(condition ? { condition } : {}) });
        } catch (error) {
          unchecked.push({ label, reason: uncheckedReason(error) });
        }
      }
    }
    return { targets, unchecked };
  }

  /** True when the document's `<inbound>` has a `<return-response>` before its `<base />`. */
  answersBeforeBase(source: PolicySource): boolean {
    const inbound = this.parse(source)[0]?.children.find((child) => child.name === 'inbound');
    for (const child of inbound?.children ?? []) {
      if (child.name === 'base') return false;
      if (child.name === 'return-response') return true;
    }
    return false;
  }

  private parse(source: PolicySource): PolicyElement[] {
    try {
      return parsePolicyXml(source.xml, { fileName: source.file });
    } catch {
      return []; // the gateway compiled it at start-up; an unreadable one would not have got this far
    }
  }

  /** Token elements in document order; only `<inbound>` counts, `<choose>` branches and fragments included. */
  private tokenElements(elements: readonly PolicyElement[], seen: Set<string>): Found[] {
    const found: Found[] = [];
    const walk = (element: PolicyElement, condition: string | undefined): void => {
      if (TOKEN_POLICIES.has(element.name)) {
        found.push({ element, condition });
        return;
      }
      if (element.name === 'outbound' || element.name === 'on-error' || element.name === 'backend') return;
      if (element.name === 'include-fragment') {
        for (const inner of this.fragmentElements(element.attributes['fragment-id'], seen)) {
          found.push({ ...inner, condition: joinConditions(condition, inner.condition) });
        }
        return;
      }
      const own =
        element.name === 'when'
          ? `when ${(element.attributes['condition'] ?? '').trim()}`
          : element.name === 'otherwise'
            ? 'otherwise (no <when> condition of its <choose> holds)'
            : undefined;
      for (const child of element.children) walk(child, joinConditions(condition, own));
    };
    for (const element of elements) walk(element, undefined);
    return found;
  }

  private fragmentElements(id: string | undefined, seen: Set<string>): Found[] {
    const source = id === undefined ? undefined : this.definition.policies.fragments?.get(id);
    if (!id || !source || seen.has(id)) return [];
    seen.add(id);
    return this.tokenElements(this.parse(source), seen);
  }
}

interface Found {
  readonly element: PolicyElement;
  /** The `<when>` / `<otherwise>` branches it sits in, outermost first. */
  readonly condition?: string;
}

function joinConditions(outer: string | undefined, inner: string | undefined): string | undefined {
  return outer && inner ? `${outer}, then ${inner}` : (outer ?? inner);
}

function uncheckedReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /expression/i.test(message)
    ? `its values come from policy expressions, evaluated per request: the doctor cannot check it here (${message})`
    : `it cannot be read as a claim policy: ${message}`;
}
