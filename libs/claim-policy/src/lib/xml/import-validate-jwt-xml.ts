import type { ClaimPolicy } from '../model';
import { ElementReader } from './element-reader';
import { importValidateAzureAdTokenReader } from './import-validate-azure-ad-token';
import { importValidateJwtReader } from './import-validate-jwt';
import type { ImportOptions } from './import-options';
import { parsePolicyXml, type PolicyElement } from './policy-element';
import { PolicyImportError } from './policy-import-error';

/** The policy elements this importer understands. */
export const IMPORTABLE_ELEMENTS = ['validate-jwt', 'validate-azure-ad-token'] as const;

/**
 * Imports one APIM `<validate-jwt>` or `<validate-azure-ad-token>` element (XML text) into a
 * {@link ClaimPolicy}. Throws {@link PolicyImportError} naming the element and attribute it cannot
 * handle; `{{named values}}` resolve from `options.namedValues`, expressions go to
 * `options.evaluateExpression` or are refused.
 *
 * @example importValidateJwt('<validate-jwt header-name="Authorization">…</validate-jwt>', { namedValues })
 */
export function importValidateJwt(xml: string, options: ImportOptions = {}): ClaimPolicy {
  const roots = parsePolicyXml(xml, { fileName: options.fileName });
  if (roots.length !== 1) {
    const names = roots.map((root) => `<${root.name}>`).join(', ');
    throw new PolicyImportError(
      'IMPORT_INVALID_VALUE',
      `expected exactly one <validate-jwt> or <validate-azure-ad-token> element, found ${roots.length === 0 ? 'none' : names}; pass the single policy element.`,
      { file: options.fileName, line: roots[1]?.line },
    );
  }
  return importValidateJwtElement(roots[0], options);
}

/**
 * Same as {@link importValidateJwt} for an element already parsed (e.g. by the gateway from a whole
 * policy document, via {@link parsePolicyXml}).
 */
export function importValidateJwtElement(element: PolicyElement, options: ImportOptions = {}): ClaimPolicy {
  const reader = new ElementReader(element, options);
  if (element.name === 'validate-jwt') return importValidateJwtReader(reader);
  if (element.name === 'validate-azure-ad-token') return importValidateAzureAdTokenReader(reader, options);
  throw new PolicyImportError(
    'IMPORT_UNKNOWN_ELEMENT',
    `is not a token validation policy; expected <validate-jwt> or <validate-azure-ad-token>.`,
    reader.at(),
  );
}
