import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parsePolicyXml } from '@stack/apim-policy';
import {
  importValidateJwtElement,
  type DoctorTarget,
  type ImportOptions,
  type PolicyElement,
} from '@stack/claim-policy';

/** The token-checking elements the doctor imports. */
const TOKEN_POLICIES = new Set(['validate-jwt', 'validate-azure-ad-token']);

/** How policy XML is read: named values, Entra's location, and the fragments folder for include-fragment. */
export interface PolicyXmlOptions {
  readonly namedValues: Readonly<Record<string, string>>;
  readonly entra?: ImportOptions['entra'];
  /** config/gateway/fragments, for `<include-fragment fragment-id="…">`. */
  readonly fragmentsDir?: string;
}

/**
 * Every validate-jwt / validate-azure-ad-token of one policy file, in document order, as doctor targets. Only
 * `<inbound>` is read when the file is a whole policy document (tokens are checked there); elements inside
 * `<choose>` count too (their condition is named in the label). Included fragments are followed.
 * @throws PolicyImportError naming file, line, element and attribute (an expression, an unknown attribute…).
 */
export function policyFileTargets(file: string, prefix: string, options: PolicyXmlOptions): DoctorTarget[] {
  const shown = displayPath(file);
  const elements = parsePolicyXml(readFileSync(file, 'utf8'), { fileName: shown });
  return tokenElements(elements, options, new Set()).map(({ element, conditional }) => ({
    label: `${prefix}${element.name} (${element.file ?? shown}${element.line ? `:${element.line}` : ''})${conditional ? ' inside <choose>' : ''}`,
    policy: importValidateJwtElement(element, {
      namedValues: options.namedValues,
      entra: options.entra,
      fileName: element.file ?? shown,
    }),
  }));
}

interface Found {
  readonly element: PolicyElement;
  readonly conditional: boolean;
}

function tokenElements(elements: readonly PolicyElement[], options: PolicyXmlOptions, seen: Set<string>): Found[] {
  const found: Found[] = [];
  const walk = (element: PolicyElement, conditional: boolean) => {
    if (TOKEN_POLICIES.has(element.name)) {
      found.push({ element, conditional });
      return;
    }
    if (element.name === 'outbound' || element.name === 'on-error' || element.name === 'backend') return;
    if (element.name === 'include-fragment') {
      found.push(
        ...fragmentElements(element.attributes['fragment-id'], options, seen).map((f) => ({
          ...f,
          conditional: f.conditional || conditional,
        })),
      );
      return;
    }
    for (const child of element.children) walk(child, conditional || element.name === 'choose');
  };
  for (const element of elements) walk(element, false);
  return found;
}

function fragmentElements(id: string | undefined, options: PolicyXmlOptions, seen: Set<string>): Found[] {
  if (!id || !options.fragmentsDir || seen.has(id)) return [];
  const file = join(options.fragmentsDir, `${id}.xml`);
  if (!existsSync(file)) return [];
  seen.add(id);
  return tokenElements(parsePolicyXml(readFileSync(file, 'utf8'), { fileName: displayPath(file) }), options, seen);
}

/** Relative to the working directory when inside it, for labels and messages. */
export function displayPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath === '' || relativePath.startsWith('..') ? path : relativePath;
}
