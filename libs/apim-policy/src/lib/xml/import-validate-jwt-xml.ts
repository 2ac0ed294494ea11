import { importValidateJwtElement, PolicyImportError, type ClaimPolicy, type ImportOptions } from '@stack/claim-policy';
import { parsePolicyXml } from './read-policy-xml';

/**
 * Imports one APIM `<validate-jwt>` or `<validate-azure-ad-token>` element given as XML text into a
 * claim-policy {@link ClaimPolicy} (read as APIM reads policy XML, then claim-policy's element importer).
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
