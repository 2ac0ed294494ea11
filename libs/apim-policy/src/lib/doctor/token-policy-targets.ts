/**
 * The token policies (validate-jwt, validate-azure-ad-token) of policy documents as targets for claim-policy's
 * diagnoseToken, shared by the token doctor CLI and the developer portal's doctor page. Only `<inbound>` counts
 * (tokens are checked there); policies inside `<choose>` branches count too, with their condition; included
 * fragments are followed.
 */
import {
  importValidateJwtElement,
  type DoctorTarget,
  type ImportOptions,
  type PolicyElement,
} from '@stack/claim-policy';
import type { PolicySource } from '../model/gateway-definition';
import { parsePolicyXml } from '../xml/read-policy-xml';

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

export interface TokenPolicyOptions {
  readonly namedValues: Readonly<Record<string, string>>;
  /** validate-azure-ad-token's mapping of Entra's hosts (the local identity service's issuers in local mode). */
  readonly entra?: ImportOptions['entra'];
  /** config/gateway/fragments by id, for `<include-fragment fragment-id="…">`. */
  readonly fragments?: ReadonlyMap<string, PolicySource>;
  /**
   * `true` (the CLI): a document that cannot be parsed, or a policy that cannot be imported, throws naming file,
   * line, element and attribute. `false` (the portal, whose gateway already compiled every document): an unreadable
   * document has no targets and a policy that cannot be imported is `unchecked`.
   */
  readonly strict?: boolean;
}

/** The token targets of `sources` in order, each label starting with `prefix`. */
export function tokenPolicyTargets(
  sources: readonly (PolicySource | undefined)[],
  prefix: string,
  options: TokenPolicyOptions,
): { targets: ScopedTarget[]; unchecked: UncheckedPolicy[] } {
  const targets: ScopedTarget[] = [];
  const unchecked: UncheckedPolicy[] = [];
  for (const source of sources) {
    if (!source) continue;
    for (const { element, condition } of tokenElements(parse(source, options), options, new Set())) {
      const file = element.file ?? source.file;
      const label = `${prefix}${element.name} (${file}${element.line ? `:${element.line}` : ''})${condition ? ' inside <choose>' : ''}`;
      try {
        const policy = importValidateJwtElement(element, {
          namedValues: options.namedValues,
          entra: options.entra,
          fileName: file,
        });
        targets.push({ label, policy, ...(condition ? { condition } : {}) });
      } catch (error) {
        if (options.strict) throw error;
        unchecked.push({ label, reason: uncheckedReason(error) });
      }
    }
  }
  return { targets, unchecked };
}

/**
 * True when the document's `<inbound>` has a `<return-response>` before its `<base />` (e.g. a status operation):
 * the broader scopes' token checks never run for it.
 */
export function answersBeforeBase(source: PolicySource, options: Pick<TokenPolicyOptions, 'strict'> = {}): boolean {
  const inbound = parse(source, options)[0]?.children.find((child) => child.name === 'inbound');
  for (const child of inbound?.children ?? []) {
    if (child.name === 'base') return false;
    if (child.name === 'return-response') return true;
  }
  return false;
}

const TOKEN_POLICIES = new Set(['validate-jwt', 'validate-azure-ad-token']);

interface Found {
  readonly element: PolicyElement;
  /** The `<when>` / `<otherwise>` branches it sits in, outermost first. */
  readonly condition?: string;
}

function parse(source: PolicySource, options: Pick<TokenPolicyOptions, 'strict'>): PolicyElement[] {
  try {
    return parsePolicyXml(source.xml, { fileName: source.file });
  } catch (error) {
    if (options.strict) throw error;
    return []; // the gateway compiled it at start-up; an unreadable one would not have got this far
  }
}

/** Token elements in document order; only `<inbound>` counts, `<choose>` branches and fragments included. */
function tokenElements(elements: readonly PolicyElement[], options: TokenPolicyOptions, seen: Set<string>): Found[] {
  const found: Found[] = [];
  const walk = (element: PolicyElement, condition: string | undefined): void => {
    if (TOKEN_POLICIES.has(element.name)) {
      found.push({ element, condition });
      return;
    }
    if (element.name === 'outbound' || element.name === 'on-error' || element.name === 'backend') return;
    if (element.name === 'include-fragment') {
      for (const inner of fragmentElements(element.attributes['fragment-id'], options, seen)) {
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

function fragmentElements(id: string | undefined, options: TokenPolicyOptions, seen: Set<string>): Found[] {
  const source = id === undefined ? undefined : options.fragments?.get(id);
  if (!id || !source || seen.has(id)) return [];
  seen.add(id);
  return tokenElements(parse(source, options), options, seen);
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
