import { PolicyImportError, type PolicyElement } from '@stack/claim-policy';
import { fromImportError } from '../errors/from-import-error';
import type { PolicySource } from '../model/gateway-definition';
import { parsePolicyXml } from './read-policy-xml';

/** The top-level elements of a policy file; XML problems become GatewayConfigError naming the file and line. */
export function readPolicySource(source: PolicySource): PolicyElement[] {
  try {
    return parsePolicyXml(source.xml, { fileName: source.file });
  } catch (error) {
    if (!(error instanceof PolicyImportError)) throw error;
    throw fromImportError(error, { file: source.file });
  }
}
