import type { ClaimPolicy } from '../model';
import { ElementReader } from './element-reader';
import { importValidateAzureAdTokenReader } from './import-validate-azure-ad-token';
import { importValidateJwtReader } from './import-validate-jwt';
import type { ImportOptions } from './import-options';
import type { PolicyElement } from './policy-element';
import { PolicyImportError } from './policy-import-error';

/** The policy elements this importer understands. */
export const IMPORTABLE_ELEMENTS = ['validate-jwt', 'validate-azure-ad-token'] as const;

/**
 * Imports one APIM `<validate-jwt>` or `<validate-azure-ad-token>` element, already read from policy
 * XML (by `@stack/apim-policy`), into a {@link ClaimPolicy}. Throws {@link PolicyImportError} naming
 * the element and attribute it cannot handle; `{{named values}}` resolve from `options.namedValues`,
 * expressions go to `options.evaluateExpression` or are refused.
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
