import type { PolicyElement } from '@stack/claim-policy';
import { readPolicySource } from '../xml/read-policy-source';
import { GatewayConfigError } from '../errors/gateway-config-error';
import type { PolicySource } from '../model/gateway-definition';
import type { PolicyScope, PolicySection } from '../context/gateway-context';

export const SECTIONS: readonly PolicySection[] = ['inbound', 'backend', 'outbound', 'on-error'];

/** One scope's `<policies>` document: its sections' statements, `<base />` kept in place. */
export interface PolicyDocument {
  readonly file: string;
  readonly scope: PolicyScope;
  /** A section the document leaves out is absent here (and inherits the outer scope whole). */
  readonly sections: Partial<Record<PolicySection, readonly PolicyElement[]>>;
}

/**
 * Reads a policy file the way APIM reads it (expressions may hold raw quotes and `&&`; see
 * claim-policy's parsePolicyXml): exactly one `<policies>` root holding at most one of each section,
 * and `<base />` only directly inside a section.
 */
export function readPolicyDocument(source: PolicySource, scope: PolicyScope): PolicyDocument {
  const roots = readPolicySource(source);
  const root = roots[0];
  if (roots.length !== 1 || root.name !== 'policies') {
    throw new GatewayConfigError(
      'POLICY_XML_INVALID',
      `a policy file holds exactly one <policies> element with <inbound>, <backend>, <outbound> and <on-error> inside; found ${
        roots.map((element) => `<${element.name}>`).join(', ') || 'nothing'
      }.`,
      { file: source.file, line: roots[1]?.line ?? root?.line },
    );
  }
  const sections: Partial<Record<PolicySection, readonly PolicyElement[]>> = {};
  for (const child of root.children) {
    const section = child.name as PolicySection;
    if (!SECTIONS.includes(section)) {
      throw new GatewayConfigError(
        'POLICY_UNKNOWN_ELEMENT',
        `<policies> holds only <inbound>, <backend>, <outbound> and <on-error>; move <${child.name}> into one of them.`,
        { file: source.file, line: child.line, element: child.name },
      );
    }
    if (sections[section]) {
      throw new GatewayConfigError('POLICY_XML_INVALID', `<${section}> appears twice; merge them into one.`, {
        file: source.file,
        line: child.line,
        element: section,
      });
    }
    checkBasePlacement(child.children, source.file);
    sections[section] = child.children;
  }
  return { file: source.file, scope, sections };
}

function checkBasePlacement(elements: readonly PolicyElement[], file: string): void {
  const visit = (element: PolicyElement) => {
    if (element.name === 'base') {
      throw new GatewayConfigError(
        'POLICY_WRONG_SECTION',
        '<base /> belongs directly inside a section (<inbound>, <backend>, <outbound>, <on-error>), not inside another policy.',
        { file, line: element.line, element: 'base' },
      );
    }
    element.children.forEach(visit);
  };
  elements.forEach((element) => element.children.forEach(visit));
  for (const element of elements) {
    if (element.name === 'base' && (Object.keys(element.attributes).length > 0 || element.children.length > 0)) {
      throw new GatewayConfigError('POLICY_INVALID_VALUE', '<base /> takes no attributes or content.', {
        file,
        line: element.line,
        element: 'base',
      });
    }
  }
}
