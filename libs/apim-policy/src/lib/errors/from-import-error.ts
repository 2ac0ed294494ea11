import type { PolicyElement, PolicyImportError } from '@stack/claim-policy';
import { GatewayConfigError, type GatewayConfigErrorCode } from './gateway-config-error';

const IMPORT_CODES: Partial<Record<PolicyImportError['code'], GatewayConfigErrorCode>> = {
  IMPORT_XML_INVALID: 'POLICY_XML_INVALID',
  IMPORT_UNKNOWN_ELEMENT: 'POLICY_UNKNOWN_ELEMENT',
  IMPORT_UNKNOWN_ATTRIBUTE: 'POLICY_UNKNOWN_ATTRIBUTE',
  IMPORT_MISSING: 'POLICY_MISSING_ATTRIBUTE',
  IMPORT_NAMED_VALUE_UNKNOWN: 'POLICY_NAMED_VALUE_UNKNOWN',
  IMPORT_EXPRESSION_UNSUPPORTED: 'EXPRESSION_UNSUPPORTED',
  IMPORT_EXPRESSION_FAILED: 'EXPRESSION_INVALID',
};

/** claim-policy's import error as the gateway's, same location and wording, filled in from `fallback`. */
export function fromImportError(
  error: PolicyImportError,
  fallback: { readonly file: string; readonly element?: PolicyElement },
): GatewayConfigError {
  const code = IMPORT_CODES[error.code] ?? 'POLICY_INVALID_VALUE';
  const said = { file: error.file, line: error.line, element: error.element, attribute: error.attribute };
  const saidPrefix = new GatewayConfigError(code, '', said).message;
  const detail = error.message.startsWith(saidPrefix) ? error.message.slice(saidPrefix.length) : error.message;
  return new GatewayConfigError(code, detail, {
    file: error.file ?? fallback.file,
    line: error.line ?? fallback.element?.line,
    element: error.element ?? fallback.element?.name,
    attribute: error.attribute,
  });
}
