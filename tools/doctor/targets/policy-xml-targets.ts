import { readFileSync } from 'node:fs';
import { tokenPolicyTargets } from '@stack/apim-policy';
import type { DoctorTarget, ImportOptions } from '@stack/claim-policy';
import { displayPath, readFragments } from '@stack/gateway-adapters';

/** How policy XML is read: named values, Entra's location, and the fragments folder for include-fragment. */
export interface PolicyXmlOptions {
  readonly namedValues: Readonly<Record<string, string>>;
  readonly entra?: ImportOptions['entra'];
  /** config/gateway/fragments, for `<include-fragment fragment-id="…">`. */
  readonly fragmentsDir?: string;
}

/**
 * Every validate-jwt / validate-azure-ad-token of one policy file, in document order, as doctor targets (apim-policy's
 * tokenPolicyTargets, the portal's doctor uses the same): `<inbound>` only, `<choose>` branches named in the label,
 * included fragments followed.
 * @throws PolicyImportError naming file, line, element and attribute (an expression, an unknown attribute…).
 */
export function policyFileTargets(file: string, prefix: string, options: PolicyXmlOptions): DoctorTarget[] {
  const source = { file: displayPath(file), xml: readFileSync(file, 'utf8') };
  const fragments = options.fragmentsDir ? readFragments(options.fragmentsDir) : undefined;
  return tokenPolicyTargets([source], prefix, { ...options, fragments, strict: true }).targets;
}
